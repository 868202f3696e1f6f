// ApplicationListModel and ApplicationFilterModel kept in step with the service, under the model tester.

#include "core/applications/ApplicationService.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/applications/ApplicationFilterModel.h"
#include "ui/applications/ApplicationListModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QItemSelectionModel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestApplicationListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void reloadListsSortedByName();
    void createInsertsInOrder_data();
    void createInsertsInOrder();
    void renameMovesTheRow_data();
    void renameMovesTheRow();
    void removeDropsTheRow();
    void columnsAndRoles();
    void search_data();
    void search();
    void searchFollowsChanges();
    void searchKeepsTheSelection();
    void searchWithTheSameRowsSignalsNothing();
    void sourceGoneLeavesTheFilterEmpty();

private:
    ApplicationService &service() { return m_tenant->tenant().applications(); }
    /// Creates the applications @p names (single-page apps) and returns their client ids by name.
    QHash<QString, QString> createAll(const QStringList &names);
    static QStringList names(const QAbstractItemModel &model);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<ApplicationListModel> m_model;
    std::unique_ptr<ApplicationFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_filterTester;
};

void TestApplicationListModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestApplicationListModel::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_model = std::make_unique<ApplicationListModel>(service());
    m_filter = std::make_unique<ApplicationFilterModel>();
    m_filter->setSourceModel(m_model.get());
    m_modelTester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_filterTester = std::make_unique<QAbstractItemModelTester>(
        m_filter.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(m_model->reload(), QString());
}

void TestApplicationListModel::cleanup()
{
    m_filterTester.reset();
    m_modelTester.reset();
    m_filter.reset();
    m_model.reset();
    m_tenant.reset();
}

QHash<QString, QString> TestApplicationListModel::createAll(const QStringList &names)
{
    QHash<QString, QString> ids;
    for (const QString &name : names) {
        auto created = service().create({name, ApplicationType::SinglePage, {}, {}});
        if (created)
            ids.insert(name, created.value().clientId);
    }
    return ids;
}

QStringList TestApplicationListModel::names(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, ApplicationListModel::NameColumn).data().toString());
    return list;
}

void TestApplicationListModel::reloadListsSortedByName()
{
    // Made before a fresh model exists: it reads them with reload().
    QCOMPARE(createAll({QStringLiteral("Mango"), QStringLiteral("Apple"), QStringLiteral("Kiwi")}).size(), 3);
    ApplicationListModel fresh(service());
    QAbstractItemModelTester tester(&fresh, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(fresh.rowCount(), 0);
    QSignalSpy reset(&fresh, &QAbstractItemModel::modelReset);
    QCOMPARE(fresh.reload(), QString());
    QCOMPARE(reset.count(), 1);
    const QStringList sorted {QStringLiteral("Apple"), QStringLiteral("Kiwi"), QStringLiteral("Mango")};
    QCOMPARE(names(fresh), sorted);
    QCOMPARE(names(*m_model), sorted); // the fixture's model followed the signals to the same order
}

void TestApplicationListModel::createInsertsInOrder_data()
{
    QTest::addColumn<QStringList>("created");
    QTest::addColumn<QList<int>>("insertedAt");

    QTest::newRow("ascending") << QStringList {QStringLiteral("Apple"),
                                               QStringLiteral("Kiwi"),
                                               QStringLiteral("Mango")}
                               << QList<int> {0, 1, 2};
    QTest::newRow("descending") << QStringList {QStringLiteral("Mango"),
                                                QStringLiteral("Kiwi"),
                                                QStringLiteral("Apple")}
                                << QList<int> {0, 0, 0};
    QTest::newRow("interleaved") << QStringList {QStringLiteral("Mango"),
                                                 QStringLiteral("Apple"),
                                                 QStringLiteral("Zucchini"),
                                                 QStringLiteral("Kiwi")}
                                 << QList<int> {0, 0, 2, 1};
    QTest::newRow("common prefix") << QStringList {QStringLiteral("App Two"),
                                                   QStringLiteral("App"),
                                                   QStringLiteral("App One")}
                                   << QList<int> {0, 0, 1};
}

void TestApplicationListModel::createInsertsInOrder()
{
    QFETCH(QStringList, created);
    QFETCH(QList<int>, insertedAt);
    QCOMPARE(created.size(), insertedAt.size());

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy filterInserted(m_filter.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QStringList expected;
    for (int i = 0; i < created.size(); ++i) {
        auto app = service().create({created.at(i), ApplicationType::SinglePage, {}, {}});
        QVERIFY2(app, errorBytes(app));
        QCOMPARE(inserted.count(), i + 1);
        QCOMPARE(filterInserted.count(), i + 1);
        QCOMPARE(inserted.constLast().at(1).toInt(), insertedAt.at(i));
        QCOMPARE(inserted.constLast().at(2).toInt(), insertedAt.at(i));
        QCOMPARE(m_model->rowOf(app.value().clientId), insertedAt.at(i));
        expected.append(created.at(i));
        expected.sort();
        QCOMPARE(names(*m_model), expected);
        QCOMPARE(names(*m_filter), expected);
    }
    QCOMPARE(removed.count(), 0);

    // The same order as the service lists them.
    auto listed = service().list();
    QVERIFY2(listed, errorBytes(listed));
    QStringList listedNames;
    for (const ApplicationSummary &summary : listed.value())
        listedNames.append(summary.name);
    QCOMPARE(names(*m_model), listedNames);
}

void TestApplicationListModel::renameMovesTheRow_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("removedAt");
    QTest::addColumn<int>("insertedAt");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("to the front") << QStringLiteral("Mango") << QStringLiteral("Aardvark") << 2 << 0
                                  << QStringList {QStringLiteral("Aardvark"),
                                                  QStringLiteral("Apple"),
                                                  QStringLiteral("Kiwi")};
    QTest::newRow("to the end") << QStringLiteral("Apple") << QStringLiteral("Zebra") << 0 << 2
                                << QStringList {QStringLiteral("Kiwi"),
                                                QStringLiteral("Mango"),
                                                QStringLiteral("Zebra")};
    QTest::newRow("in place") << QStringLiteral("Kiwi") << QStringLiteral("Kiwis") << 1 << 1
                              << QStringList {QStringLiteral("Apple"),
                                              QStringLiteral("Kiwis"),
                                              QStringLiteral("Mango")};
}

void TestApplicationListModel::renameMovesTheRow()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, removedAt);
    QFETCH(int, insertedAt);
    QFETCH(QStringList, expected);
    const auto ids = createAll({QStringLiteral("Apple"), QStringLiteral("Kiwi"), QStringLiteral("Mango")});
    QCOMPARE(ids.size(), 3);

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    auto app = service().find(ids.value(from));
    QVERIFY2(app, errorBytes(app));
    Application renamed = app.value();
    renamed.name = to;
    auto updated = service().update(renamed);
    QVERIFY2(updated, errorBytes(updated));

    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.constFirst().at(1).toInt(), removedAt);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.constFirst().at(1).toInt(), insertedAt);
    QCOMPARE(names(*m_model), expected);
    QCOMPARE(names(*m_filter), expected);
    QCOMPARE(m_model->rowOf(ids.value(from)), insertedAt);
}

void TestApplicationListModel::removeDropsTheRow()
{
    const auto ids = createAll({QStringLiteral("Apple"), QStringLiteral("Kiwi"), QStringLiteral("Mango")});
    QCOMPARE(ids.size(), 3);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy filterRemoved(m_filter.get(), &QAbstractItemModel::rowsRemoved);

    auto gone = service().remove(ids.value(QStringLiteral("Kiwi")));
    QVERIFY2(gone, errorBytes(gone));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.constFirst().at(1).toInt(), 1);
    QCOMPARE(removed.constFirst().at(2).toInt(), 1);
    QCOMPARE(filterRemoved.count(), 1);
    QCOMPARE(names(*m_model), (QStringList {QStringLiteral("Apple"), QStringLiteral("Mango")}));
    QCOMPARE(m_model->rowOf(ids.value(QStringLiteral("Kiwi"))), -1);

    // Removing what is already gone changes nothing.
    QVERIFY(!service().remove(ids.value(QStringLiteral("Kiwi"))));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->rowCount(), 2);
}

void TestApplicationListModel::columnsAndRoles()
{
    auto app = service().create({QStringLiteral("Billing Backend"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(app, errorBytes(app));
    const QString clientId = app.value().clientId;
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->columnCount(), int(ApplicationListModel::ColumnCount));

    const QModelIndex name = m_model->index(0, ApplicationListModel::NameColumn);
    const QModelIndex type = m_model->index(0, ApplicationListModel::TypeColumn);
    const QModelIndex id = m_model->index(0, ApplicationListModel::ClientIdColumn);
    QCOMPARE(name.data().toString(), QStringLiteral("Billing Backend"));
    QCOMPARE(type.data().toString(), ApplicationTypeInfo::of(ApplicationType::RegularWeb).label);
    QCOMPARE(id.data().toString(), clientId);
    QCOMPARE(name.data(int(ApplicationListModel::Role::ClientId)).toString(), clientId);
    QCOMPARE(type.data(int(ApplicationListModel::Role::Type)).value<ApplicationType>(),
             ApplicationType::RegularWeb);
    QCOMPARE(name.data(int(ApplicationListModel::Role::SearchText)).toString(),
             (QStringLiteral("billing backend ") + clientId).toLower());
    QVERIFY(!type.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(name.data(Qt::DecorationRole).isNull());
    QCOMPARE(m_model->headerData(ApplicationListModel::ClientIdColumn, Qt::Horizontal).toString(),
             QStringLiteral("Client ID"));
}

void TestApplicationListModel::search_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");

    const QString portal = QStringLiteral("Customer Portal");
    const QString mobile = QStringLiteral("Customer Mobile");
    const QString billing = QStringLiteral("Billing Backend");
    const QString inventory = QStringLiteral("Inventory Service");

    // {id:NAME} stands for the client ID of NAME, {ID:NAME} for it upper-cased, {id8:NAME} for its first 8
    // characters.
    QTest::newRow("empty: everything") << QString() << QStringList {billing, mobile, portal, inventory};
    QTest::newRow("one word of a name") << QStringLiteral("portal") << QStringList {portal};
    QTest::newRow("a word in two names") << QStringLiteral("customer") << QStringList {mobile, portal};
    QTest::newRow("two words, any order") << QStringLiteral("portal customer") << QStringList {portal};
    QTest::newRow("upper case") << QStringLiteral("BILLING") << QStringList {billing};
    QTest::newRow("mixed case, part of a word") << QStringLiteral("InVeNt") << QStringList {inventory};
    QTest::newRow("extra spaces") << QStringLiteral("  billing   backend  ") << QStringList {billing};
    QTest::newRow("client id") << QStringLiteral("{id:Billing Backend}") << QStringList {billing};
    QTest::newRow("client id, other case")
        << QStringLiteral("{ID:Inventory Service}") << QStringList {inventory};
    QTest::newRow("client id prefix and a name word")
        << QStringLiteral("customer {id8:Customer Mobile}") << QStringList {mobile};
    QTest::newRow("no match") << QStringLiteral("nothing-matches-this") << QStringList {};
    QTest::newRow("one word matches, the other not")
        << QStringLiteral("customer xylophone") << QStringList {};
    QTest::newRow("client id of one, name of another")
        << QStringLiteral("{id:Billing Backend} inventory") << QStringList {};
}

void TestApplicationListModel::search()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    QHash<QString, QString> ids;
    const QList<QPair<QString, ApplicationType>> apps {
        {QStringLiteral("Customer Portal"), ApplicationType::SinglePage},
        {QStringLiteral("Customer Mobile"), ApplicationType::Native},
        {QStringLiteral("Billing Backend"), ApplicationType::RegularWeb},
        {QStringLiteral("Inventory Service"), ApplicationType::MachineToMachine}};
    for (const auto &[name, type] : apps) {
        auto app = service().create({name, type, {}, {}});
        QVERIFY2(app, errorBytes(app));
        ids.insert(name, app.value().clientId);
    }

    static const QRegularExpression placeholder(QStringLiteral("\\{(id|ID|id8):([^}]*)\\}"));
    QString text = search;
    for (auto match = placeholder.match(text); match.hasMatch(); match = placeholder.match(text)) {
        const QString id = ids.value(match.captured(2));
        QVERIFY2(!id.isEmpty(), qPrintable(match.captured(2)));
        const QString kind = match.captured(1);
        text.replace(match.capturedStart(),
                     match.capturedLength(),
                     kind == QLatin1String("ID")        ? id.toUpper()
                         : kind == QLatin1String("id8") ? id.left(8)
                                                        : id);
    }

    m_filter->setSearchText(text);
    QCOMPARE(names(*m_filter), expected);
    QCOMPARE(m_model->rowCount(), apps.size()); // the source keeps every row

    m_filter->setSearchText(QString());
    QCOMPARE(m_filter->rowCount(), apps.size());
}

void TestApplicationListModel::searchFollowsChanges()
{
    const auto ids = createAll({QStringLiteral("Customer Portal"), QStringLiteral("Billing Backend")});
    QCOMPARE(ids.size(), 2);
    m_filter->setSearchText(QStringLiteral("customer"));
    QCOMPARE(names(*m_filter), QStringList {QStringLiteral("Customer Portal")});

    QSignalSpy inserted(m_filter.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_filter.get(), &QAbstractItemModel::rowsRemoved);

    auto support
        = service().create({QStringLiteral("Customer Support"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(support, errorBytes(support));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(names(*m_filter),
             (QStringList {QStringLiteral("Customer Portal"), QStringLiteral("Customer Support")}));

    auto unrelated
        = service().create({QStringLiteral("Reporting Jobs"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(unrelated, errorBytes(unrelated));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 4);

    Application renamed = support.value();
    renamed.name = QStringLiteral("Helpdesk");
    auto updated = service().update(renamed);
    QVERIFY2(updated, errorBytes(updated));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(names(*m_filter), QStringList {QStringLiteral("Customer Portal")});

    auto gone = service().remove(ids.value(QStringLiteral("Customer Portal")));
    QVERIFY2(gone, errorBytes(gone));
    QCOMPARE(removed.count(), 2);
    QCOMPARE(m_filter->rowCount(), 0);
    QCOMPARE(m_model->rowCount(), 3);
}

void TestApplicationListModel::searchKeepsTheSelection()
{
    QCOMPARE(createAll({QStringLiteral("Customer Portal"),
                        QStringLiteral("Customer Mobile"),
                        QStringLiteral("Billing Backend")})
                 .size(),
             3);
    QItemSelectionModel selection(m_filter.get());
    const int portalRow = names(*m_filter).indexOf(QStringLiteral("Customer Portal"));
    QCOMPARE(portalRow, 2);
    selection.setCurrentIndex(m_filter->index(portalRow, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy layoutChanged(m_filter.get(), &QAbstractItemModel::layoutChanged);

    // Narrowed to the portal and the mobile app: the portal stays selected and current, one row up.
    m_filter->setSearchText(QStringLiteral("customer"));
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(names(*m_filter),
             (QStringList {QStringLiteral("Customer Mobile"), QStringLiteral("Customer Portal")}));
    QCOMPARE(selection.currentIndex(), m_filter->index(1, 0));
    QCOMPARE(selection.selectedRows(), QModelIndexList {m_filter->index(1, 0)});

    // Widened again: back at its first row.
    m_filter->setSearchText(QString());
    QCOMPARE(layoutChanged.count(), 2);
    QCOMPARE(selection.currentIndex(), m_filter->index(portalRow, 0));
    QCOMPARE(selection.selectedRows(), QModelIndexList {m_filter->index(portalRow, 0)});

    // Hidden: nothing is selected or current any more.
    m_filter->setSearchText(QStringLiteral("billing"));
    QCOMPARE(layoutChanged.count(), 3);
    QVERIFY(!selection.currentIndex().isValid());
    QVERIFY(selection.selectedRows().isEmpty());
}

void TestApplicationListModel::searchWithTheSameRowsSignalsNothing()
{
    QCOMPARE(createAll({QStringLiteral("Customer Portal"), QStringLiteral("Billing Backend")}).size(), 2);
    m_filter->setSearchText(QStringLiteral("c"));
    QCOMPARE(m_filter->rowCount(), 2); // "billing backend" holds a "c" too

    QSignalSpy aboutToChange(m_filter.get(), &QAbstractItemModel::layoutAboutToBeChanged);
    QSignalSpy reset(m_filter.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_filter.get(), &QAbstractItemModel::rowsRemoved);
    for (const QString &text : {QStringLiteral("c "), QStringLiteral("C"), QStringLiteral("c c")}) {
        m_filter->setSearchText(text); // the same words
        QCOMPARE(m_filter->searchText(), QStringLiteral("c"));
    }
    m_filter->setSearchText(QStringLiteral("c e")); // other words, the same rows
    QCOMPARE(m_filter->searchText(), QStringLiteral("c e"));
    QCOMPARE(m_filter->rowCount(), 2);
    QCOMPARE(aboutToChange.count(), 0);
    m_filter->setSearchText(QStringLiteral("portal")); // one row goes: the spy would have seen it
    QCOMPARE(aboutToChange.count(), 1);
    QCOMPARE(names(*m_filter), QStringList {QStringLiteral("Customer Portal")});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestApplicationListModel::sourceGoneLeavesTheFilterEmpty()
{
    QCOMPARE(createAll({QStringLiteral("Customer Portal"), QStringLiteral("Billing Backend")}).size(), 2);
    QCOMPARE(m_filter->rowCount(), 2);
    m_filterTester.reset(); // no signal says the rows went: the tester would look for one
    m_modelTester.reset();
    m_model.reset();
    QCOMPARE(m_filter->rowCount(), 0);
    QCOMPARE(m_filter->columnCount(), 0);
    QVERIFY(!m_filter->index(0, 0).isValid());
    m_filter->setSearchText(QStringLiteral("customer")); // nothing to filter, and no source to ask
    QCOMPARE(m_filter->rowCount(), 0);
    QCOMPARE(m_filter->searchText(), QStringLiteral("customer"));
}

QTEST_MAIN(TestApplicationListModel)
#include "TestApplicationListModel.moc"
