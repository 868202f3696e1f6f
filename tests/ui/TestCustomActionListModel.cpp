// CustomActionListModel kept in step with CustomActionService under the model tester: the rows in name
// order, the columns and roles, and one signal per change (rowsInserted on create, dataChanged on a saved
// draft or a deploy, rowsMoved then dataChanged on a rename that changes the order, rowsRemoved on delete).
// Deploys run the real syntax check on Node.js.

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionTriggers.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/library/CustomActionListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kPhone = QStringLiteral("send-phone-message");
const QString kLogin = QStringLiteral("post-login");

} // namespace

class TestCustomActionListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void reloadListsByName();
    void createInsertsInOrder_data();
    void createInsertsInOrder();
    void columnsAndRoles();
    void statusText_data();
    void statusText();
    void draftAndDeployChangeOneRow();
    void renameMovesTheRow_data();
    void renameMovesTheRow();
    void removeDropsTheRow();
    void followsAnotherAdmin();

private:
    CustomActionService &service() { return m_tenant->tenant().customActions(); }
    /// Creates the actions @p names for @p trigger; their ids by name.
    QHash<QString, QString> createAll(const QStringList &names, const QString &trigger = kPhone);
    /// Waits for @p job; whether it succeeded.
    static bool succeeded(CustomActionJob *job);
    QStringList names() const;
    QString cell(int row, int column) const { return m_model->index(row, column).data().toString(); }

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<CustomActionListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestCustomActionListModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCustomActionListModel::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_model = std::make_unique<CustomActionListModel>(service());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(m_model->reload(), QString());
}

void TestCustomActionListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_tenant.reset();
}

QHash<QString, QString> TestCustomActionListModel::createAll(const QStringList &names, const QString &trigger)
{
    QHash<QString, QString> ids;
    for (const QString &name : names) {
        auto created = service().create(name, trigger);
        if (!created) {
            qWarning("%s", qPrintable(created.error().message()));
            return {};
        }
        ids.insert(name, created.value().id);
    }
    return ids;
}

bool TestCustomActionListModel::succeeded(CustomActionJob *job)
{
    QSignalSpy finished(job, &CustomActionJob::finished);
    if (!finished.wait(30000))
        return false;
    const auto *done = finished.at(0).at(0).value<CustomActionJob *>();
    if (!done->succeeded())
        qWarning("%s", qPrintable(done->error()->message()));
    return done->succeeded();
}

QStringList TestCustomActionListModel::names() const
{
    QStringList list;
    for (int row = 0; row < m_model->rowCount(); ++row)
        list.append(cell(row, CustomActionListModel::NameColumn));
    return list;
}

void TestCustomActionListModel::reloadListsByName()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(CustomActionListModel::ColumnCount));
    const auto ids = createAll({QStringLiteral("bravo"), QStringLiteral("Alpha"), QStringLiteral("Charlie")});
    QCOMPARE(ids.size(), 3);

    CustomActionListModel fresh(service());
    QAbstractItemModelTester tester(&fresh, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&fresh, &QAbstractItemModel::modelReset);
    QCOMPARE(fresh.reload(), QString());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(fresh.rowCount(), 3);
    const QStringList expected {QStringLiteral("Alpha"), QStringLiteral("bravo"), QStringLiteral("Charlie")};
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(fresh.index(row, CustomActionListModel::NameColumn).data().toString(), expected.at(row));
        QCOMPARE(fresh.rowOf(ids.value(expected.at(row))), row);
    }
    // The live model got there one insertion at a time.
    QCOMPARE(names(), expected);
    QCOMPARE(m_model->rowOf(QStringLiteral("no-such-id")), -1);
}

void TestCustomActionListModel::createInsertsInOrder_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("row");

    const QStringList three {QStringLiteral("Bravo"), QStringLiteral("Delta"), QStringLiteral("Foxtrot")};
    QTest::newRow("into an empty list") << QStringList() << QStringLiteral("Alpha") << 0;
    QTest::newRow("first") << three << QStringLiteral("Alpha") << 0;
    QTest::newRow("between, ignoring case") << three << QStringLiteral("charlie") << 1;
    QTest::newRow("last") << three << QStringLiteral("Golf") << 3;
}

void TestCustomActionListModel::createInsertsInOrder()
{
    QFETCH(QStringList, existing);
    QFETCH(QString, name);
    QFETCH(int, row);
    QCOMPARE(createAll(existing).size(), existing.size());

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const QString id = createAll({name}).value(name);
    QVERIFY(!id.isEmpty());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), row);
    QCOMPARE(inserted.at(0).at(2).toInt(), row);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowOf(id), row);
    QCOMPARE(cell(row, CustomActionListModel::NameColumn), name);
    QCOMPARE(m_model->rowCount(), existing.size() + 1);
}

void TestCustomActionListModel::columnsAndRoles()
{
    const QString id
        = createAll({QStringLiteral("Send with Twilio")}).value(QStringLiteral("Send with Twilio"));
    QVERIFY(!id.isEmpty());
    const auto stored = service().find(id);
    QVERIFY2(stored, errorBytes(stored));

    const QStringList headers {QStringLiteral("Name"),
                               QStringLiteral("Trigger"),
                               QStringLiteral("Status"),
                               QStringLiteral("Updated")};
    for (int column = 0; column < headers.size(); ++column)
        QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), headers.at(column));
    QCOMPARE(cell(0, CustomActionListModel::NameColumn), QStringLiteral("Send with Twilio"));
    QCOMPARE(cell(0, CustomActionListModel::TriggerColumn), QStringLiteral("Send Phone Message"));
    QCOMPARE(cell(0, CustomActionListModel::TriggerColumn), ActionTriggers::label(kPhone));
    QCOMPARE(cell(0, CustomActionListModel::StatusColumn), QStringLiteral("Not deployed yet"));
    QCOMPARE(cell(0, CustomActionListModel::UpdatedColumn),
             stored.value().updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    const QModelIndex name = m_model->index(0, CustomActionListModel::NameColumn);
    QCOMPARE(name.data(int(CustomActionListModel::Role::ActionId)).toString(), id);
    QCOMPARE(name.data(int(CustomActionListModel::Role::TriggerId)).toString(), kPhone);
    QCOMPARE(name.data(int(CustomActionListModel::Role::DeployedVersion)).toInt(), 0);
    QCOMPARE(name.data(Qt::AccessibleTextRole).toString(), QStringLiteral("Send with Twilio"));
    const QModelIndex status = m_model->index(0, CustomActionListModel::StatusColumn);
    QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), QStringLiteral("Deploy it to add it to a flow."));
}

void TestCustomActionListModel::statusText_data()
{
    QTest::addColumn<int>("deployedVersion");
    QTest::addColumn<bool>("allChangesDeployed");
    QTest::addColumn<QString>("text");

    QTest::newRow("never deployed") << 0 << false << QStringLiteral("Not deployed yet");
    QTest::newRow("version 3 deployed") << 3 << true << QStringLiteral("Deployed · v3");
    QTest::newRow("draft edited after v1") << 1 << false << QStringLiteral("Draft changes not deployed");
}

void TestCustomActionListModel::statusText()
{
    QFETCH(int, deployedVersion);
    QFETCH(bool, allChangesDeployed);
    QFETCH(QString, text);
    CustomAction action;
    action.deployedVersion = deployedVersion;
    action.allChangesDeployed = allChangesDeployed;
    QCOMPARE(CustomActionListModel::statusText(action), text);
}

void TestCustomActionListModel::draftAndDeployChangeOneRow()
{
    const auto ids = createAll({QStringLiteral("Alpha"), QStringLiteral("Bravo"), QStringLiteral("Charlie")});
    const QString id = ids.value(QStringLiteral("Bravo"));
    QVERIFY(!id.isEmpty());
    const int row = m_model->rowOf(id);
    QCOMPARE(row, 1);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const auto checkOneRowChanged = [&] {
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(row, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(),
                 m_model->index(row, CustomActionListModel::ColumnCount - 1));
        changed.clear();
    };

    QVERIFY(succeeded(service().deploy(id)));
    checkOneRowChanged();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(cell(row, CustomActionListModel::StatusColumn), QStringLiteral("Deployed · v1"));
    QCOMPARE(m_model->index(row, 0).data(int(CustomActionListModel::Role::DeployedVersion)).toInt(), 1);

    auto action = service().find(id);
    QVERIFY2(action, errorBytes(action));
    const auto saved = service().saveDraft(
        id, action.value().code + QStringLiteral("\n// edited\n"), {}, action.value().revision);
    QVERIFY2(saved, errorBytes(saved));
    checkOneRowChanged();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(cell(row, CustomActionListModel::StatusColumn), QStringLiteral("Draft changes not deployed"));
    QCOMPARE(m_model->index(row, CustomActionListModel::StatusColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Version 1 runs; the draft has changes that are not deployed."));

    QVERIFY(succeeded(service().deploy(id)));
    checkOneRowChanged();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(cell(row, CustomActionListModel::StatusColumn), QStringLiteral("Deployed · v2"));
    QCOMPARE(cell(row, CustomActionListModel::NameColumn), QStringLiteral("Bravo"));
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(moved.count(), 0);
    QCOMPARE(reset.count(), 0);
    // The other rows did not change.
    QCOMPARE(cell(0, CustomActionListModel::StatusColumn), QStringLiteral("Not deployed yet"));
    QCOMPARE(cell(2, CustomActionListModel::StatusColumn), QStringLiteral("Not deployed yet"));
}

void TestCustomActionListModel::renameMovesTheRow_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<bool>("moves");

    QTest::newRow("first to last") << QStringLiteral("Bravo") << QStringLiteral("Hotel")
                                   << QStringList {QStringLiteral("Delta"),
                                                   QStringLiteral("Foxtrot"),
                                                   QStringLiteral("Hotel")}
                                   << true;
    QTest::newRow("last to first") << QStringLiteral("Foxtrot") << QStringLiteral("Alpha")
                                   << QStringList {QStringLiteral("Alpha"),
                                                   QStringLiteral("Bravo"),
                                                   QStringLiteral("Delta")}
                                   << true;
    QTest::newRow("stays in place") << QStringLiteral("Delta") << QStringLiteral("Echo")
                                    << QStringList {QStringLiteral("Bravo"),
                                                    QStringLiteral("Echo"),
                                                    QStringLiteral("Foxtrot")}
                                    << false;
}

void TestCustomActionListModel::renameMovesTheRow()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, after);
    QFETCH(bool, moves);
    const auto ids = createAll({QStringLiteral("Bravo"), QStringLiteral("Delta"), QStringLiteral("Foxtrot")});
    QCOMPARE(ids.size(), 3);
    const QString id = ids.value(from);
    auto action = service().find(id);
    QVERIFY2(action, errorBytes(action));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    const auto renamed = service().rename(id, to, action.value().revision);
    QVERIFY2(renamed, errorBytes(renamed));
    QCOMPARE(names(), after);
    QCOMPARE(moved.count(), moves ? 1 : 0);
    QCOMPARE(changed.count(), 1);
    const int row = int(after.indexOf(to));
    QCOMPARE(m_model->rowOf(id), row);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(row, 0));
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestCustomActionListModel::removeDropsTheRow()
{
    const auto ids = createAll({QStringLiteral("Alpha"), QStringLiteral("Bravo"), QStringLiteral("Charlie")});
    QCOMPARE(ids.size(), 3);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(succeeded(service().remove(ids.value(QStringLiteral("Bravo")))));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(names(), (QStringList {QStringLiteral("Alpha"), QStringLiteral("Charlie")}));
    QCOMPARE(m_model->rowOf(ids.value(QStringLiteral("Bravo"))), -1);
}

void TestCustomActionListModel::followsAnotherAdmin()
{
    // Another Authdeck on the same tenant creates an action: this one's service never saw it.
    MemorySecretStore secrets;
    auto other = Tenant::open(m_tenant->path(), secrets);
    QVERIFY2(other, qPrintable(other ? QString() : other.error().message()));
    QVERIFY(
        other.value()->customActions().create(QStringLiteral("Audit logins"), QStringLiteral("post-login")));
    QCOMPARE(m_model->rowCount(), 0);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    service().announceChangedElsewhere(); // what Tenant does when its ChangeFeed hears of it
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(cell(0, CustomActionListModel::NameColumn), QStringLiteral("Audit logins"));
}

QTEST_MAIN(TestCustomActionListModel)
#include "TestCustomActionListModel.moc"
