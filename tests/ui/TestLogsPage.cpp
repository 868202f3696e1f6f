// Monitoring > Logs through its widgets: events recorded through the tenant's LogStore appear live,
// the type, user and date filters, the JSON detail pane, and masked phone numbers everywhere.

#include "core/common/Clock.h"
#include "core/logs/LogStore.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/logs/LogListModel.h"
#include "ui/logs/LogsPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

const QString kPhoneDigits = QStringLiteral("5554443232");

/// Noon, local time, on 2024-05-@p day.
QDateTime may(int day)
{
    return QDateTime(QDate(2024, 5, day), QTime(12, 0), Qt::LocalTime);
}

} // namespace

class TestLogsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void recordedEventsAppearLive();
    void loadsWhatWasRecordedBefore();
    void filters_data();
    void filters();
    void detailShowsJson_data();
    void detailShowsJson();
    void noUnmaskedPhoneNumber();

private:
    LogStore &logs() { return m_tenant->tenant().logs(); }
    /// Records an event of @p type by @p user dated @p date; returns its log id.
    QString
    record(const QString &type, const QString &user, const QDateTime &date, const QString &description = {});
    /// Records s/alice May 1, fp/bob May 2, gd_send_sms/alice May 3, ss/carol May 4.
    QHash<QString, QString> recordSample();
    static QStringList types(const QAbstractItemModel &model);

    FakeClock m_clock;
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<LogsPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
};

void TestLogsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLogsPage::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    logs().setClock(m_clock);
    m_page = std::make_unique<LogsPage>(m_tenant->tenant(), nullptr);
    m_modelTester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->open(QString());
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
}

void TestLogsPage::cleanup()
{
    m_modelTester.reset();
    m_page.reset();
    m_tenant.reset();
}

QString TestLogsPage::record(const QString &type,
                             const QString &user,
                             const QDateTime &date,
                             const QString &description)
{
    m_clock.set(date);
    LogEvent event;
    event.type = type;
    event.description = description;
    event.userId = QStringLiteral("auth0|") + user;
    event.userName = user + QStringLiteral("@example.com");
    event.clientId = QStringLiteral("client-1");
    event.clientName = QStringLiteral("Customer Portal");
    event.ip = QStringLiteral("127.0.0.1");
    auto recorded = logs().record(event);
    return recorded ? recorded.value().logId : QString();
}

QHash<QString, QString> TestLogsPage::recordSample()
{
    QHash<QString, QString> ids;
    ids.insert(QStringLiteral("s"), record(QStringLiteral("s"), QStringLiteral("alice"), may(1)));
    ids.insert(QStringLiteral("fp"), record(QStringLiteral("fp"), QStringLiteral("bob"), may(2)));
    ids.insert(QStringLiteral("gd_send_sms"),
               record(QStringLiteral("gd_send_sms"),
                      QStringLiteral("alice"),
                      may(3),
                      QStringLiteral("SMS sent to +15554443232")));
    ids.insert(QStringLiteral("ss"), record(QStringLiteral("ss"), QStringLiteral("carol"), may(4)));
    return ids;
}

QStringList TestLogsPage::types(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(int(LogListModel::Role::Type)).toString());
    return list;
}

void TestLogsPage::recordedEventsAppearLive()
{
    QSignalSpy inserted(m_page->model(), &QAbstractItemModel::rowsInserted);
    auto *typeFilter = m_page->findChild<QComboBox *>(QStringLiteral("logTypeFilter"));
    QVERIFY(typeFilter);
    QCOMPARE(typeFilter->count(), 1); // All types

    const QString first = record(QStringLiteral("s"), QStringLiteral("alice"), may(1));
    QVERIFY(!first.isEmpty());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(typeFilter->count(), 2);
    QCOMPARE(typeFilter->itemData(1).toString(), QStringLiteral("s"));
    QVERIFY(typeFilter->itemText(1).contains(QStringLiteral("Success Login")));

    const QString second = record(QStringLiteral("fp"), QStringLiteral("bob"), may(2));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.constLast().at(1).toInt(), 0); // newest first
    QCOMPARE(types(*m_page->model()), (QStringList {QStringLiteral("fp"), QStringLiteral("s")}));
    QCOMPARE(m_page->model()->index(0, 0).data(int(LogListModel::Role::LogId)).toString(), second);
    QCOMPARE(typeFilter->count(), 3);

    // An older event goes below the newer ones.
    record(QStringLiteral("ss"), QStringLiteral("carol"), may(1).addSecs(-3600));
    QCOMPARE(types(*m_page->model()),
             (QStringList {QStringLiteral("fp"), QStringLiteral("s"), QStringLiteral("ss")}));

    const QModelIndex top = m_page->model()->index(0, 0);
    QCOMPARE(top.siblingAtColumn(LogListModel::DateColumn).data().toString(),
             QStringLiteral("2024-05-02 12:00:00"));
    QCOMPARE(top.siblingAtColumn(LogListModel::TypeColumn).data().toString(),
             QStringLiteral("fp · ") + LogStore::describe(QStringLiteral("fp")));
    QCOMPARE(top.siblingAtColumn(LogListModel::UserColumn).data().toString(),
             QStringLiteral("bob@example.com"));
    QCOMPARE(top.siblingAtColumn(LogListModel::ApplicationColumn).data().toString(),
             QStringLiteral("Customer Portal"));
    // The description is the row's tooltip (and in the detail pane), not a column of its own.
    QCOMPARE(top.siblingAtColumn(LogListModel::DateColumn).data(Qt::ToolTipRole).toString(),
             LogStore::describe(QStringLiteral("fp")));
}

void TestLogsPage::loadsWhatWasRecordedBefore()
{
    recordSample();
    LogsPage fresh(m_tenant->tenant(), nullptr);
    QAbstractItemModelTester tester(fresh.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(fresh.model()->rowCount(), 0);
    fresh.open(QString());
    QTRY_VERIFY(!fresh.model()->isSearching()); // the model reads from the event loop
    QCOMPARE(
        types(*fresh.model()),
        (QStringList {
            QStringLiteral("ss"), QStringLiteral("gd_send_sms"), QStringLiteral("fp"), QStringLiteral("s")}));
    auto *typeFilter = fresh.findChild<QComboBox *>(QStringLiteral("logTypeFilter"));
    QVERIFY(typeFilter);
    QCOMPARE(typeFilter->count(), 5);
}

void TestLogsPage::filters_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QStringList>("expected");

    const QString s = QStringLiteral("s");
    const QString fp = QStringLiteral("fp");
    const QString sms = QStringLiteral("gd_send_sms");
    const QString ss = QStringLiteral("ss");
    QTest::newRow("none") << QString() << QString() << QDate() << QDate() << QStringList {ss, sms, fp, s};
    QTest::newRow("type s") << s << QString() << QDate() << QDate() << QStringList {s};
    QTest::newRow("type gd_send_sms") << sms << QString() << QDate() << QDate() << QStringList {sms};
    QTest::newRow("user name") << QString() << QStringLiteral("alice") << QDate() << QDate()
                               << QStringList {sms, s};
    QTest::newRow("user id, upper case")
        << QString() << QStringLiteral("AUTH0|BOB") << QDate() << QDate() << QStringList {fp};
    QTest::newRow("user, no match") << QString() << QStringLiteral("dave") << QDate() << QDate()
                                    << QStringList {};
    QTest::newRow("user, not the start")
        << QString() << QStringLiteral("example.com") << QDate() << QDate() << QStringList {};
    QTest::newRow("from") << QString() << QString() << QDate(2024, 5, 3) << QDate() << QStringList {ss, sms};
    QTest::newRow("to, inclusive") << QString() << QString() << QDate() << QDate(2024, 5, 2)
                                   << QStringList {fp, s};
    QTest::newRow("one day") << QString() << QString() << QDate(2024, 5, 2) << QDate(2024, 5, 2)
                             << QStringList {fp};
    QTest::newRow("type and user") << s << QStringLiteral("alice") << QDate() << QDate() << QStringList {s};
    QTest::newRow("type and user, disjoint")
        << fp << QStringLiteral("alice") << QDate() << QDate() << QStringList {};
    QTest::newRow("user and dates") << QString() << QStringLiteral("alice") << QDate(2024, 5, 2)
                                    << QDate(2024, 5, 4) << QStringList {sms};
}

void TestLogsPage::filters()
{
    QFETCH(QString, type);
    QFETCH(QString, user);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QStringList, expected);
    const auto ids = recordSample();
    QCOMPARE(ids.size(), 4);

    auto *typeFilter = m_page->findChild<QComboBox *>(QStringLiteral("logTypeFilter"));
    auto *userFilter = m_page->findChild<QLineEdit *>(QStringLiteral("logUserFilter"));
    auto *fromEdit = m_page->findChild<QDateEdit *>(QStringLiteral("logFrom"));
    auto *toEdit = m_page->findChild<QDateEdit *>(QStringLiteral("logTo"));
    QVERIFY(typeFilter && userFilter && fromEdit && toEdit);
    for (QWidget *control : {static_cast<QWidget *>(typeFilter),
                             static_cast<QWidget *>(userFilter),
                             static_cast<QWidget *>(fromEdit),
                             static_cast<QWidget *>(toEdit)})
        QVERIFY(!control->accessibleName().isEmpty());
    QCOMPARE(typeFilter->count(), 5);

    if (!type.isEmpty()) {
        const int index = typeFilter->findData(type);
        QVERIFY(index > 0);
        typeFilter->setCurrentIndex(index);
    }
    UiTest::retype(userFilter, user);
    if (from.isValid())
        fromEdit->setDate(from);
    if (to.isValid())
        toEdit->setDate(to);
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    QCOMPARE(types(*m_page->model()), expected);

    // A new event (s, alice, May 5) shows up live when the filters let it through.
    const bool matches = (type.isEmpty() || type == QLatin1String("s"))
        && (user.isEmpty() || QStringLiteral("alice@example.com").startsWith(user, Qt::CaseInsensitive)
            || QStringLiteral("auth0|alice").startsWith(user, Qt::CaseInsensitive))
        && (!from.isValid() || from <= QDate(2024, 5, 5)) && (!to.isValid() || to >= QDate(2024, 5, 5));
    QVERIFY(!record(QStringLiteral("s"), QStringLiteral("alice"), may(5)).isEmpty());
    QCOMPARE(m_page->model()->rowCount(), int(expected.size()) + (matches ? 1 : 0));
    if (matches)
        QCOMPARE(m_page->model()->index(0, 0).data(int(LogListModel::Role::Date)).toDateTime(), may(5));

    // Back to everything.
    typeFilter->setCurrentIndex(0);
    userFilter->clear();
    fromEdit->setDate(fromEdit->minimumDate());
    toEdit->setDate(toEdit->minimumDate());
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    QCOMPARE(m_page->model()->rowCount(), 5);
}

void TestLogsPage::detailShowsJson_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("s") << QStringLiteral("s");
    QTest::newRow("fp") << QStringLiteral("fp");
    QTest::newRow("gd_send_sms") << QStringLiteral("gd_send_sms");
}

void TestLogsPage::detailShowsJson()
{
    QFETCH(QString, type);
    const auto ids = recordSample();
    auto *detail = m_page->findChild<QPlainTextEdit *>(QStringLiteral("logDetail"));
    QVERIFY(detail);
    QVERIFY(detail->isReadOnly());
    QVERIFY(detail->toPlainText().isEmpty());

    QVERIFY(m_page->selectEvent(ids.value(type)));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(detail->toPlainText().toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(detail->toPlainText().contains(QLatin1Char('\n'))); // pretty, not compact
    QCOMPARE(json.object().value(QStringLiteral("log_id")).toString(), ids.value(type));
    QCOMPARE(json.object().value(QStringLiteral("type")).toString(), type);
    QCOMPARE(json.object().value(QStringLiteral("client_name")).toString(),
             QStringLiteral("Customer Portal"));

    // Filtering the event away clears the pane.
    auto *typeFilter = m_page->findChild<QComboBox *>(QStringLiteral("logTypeFilter"));
    QVERIFY(typeFilter);
    typeFilter->setCurrentIndex(
        typeFilter->findData(type == QLatin1String("s") ? QStringLiteral("fp") : QStringLiteral("s")));
    QVERIFY(detail->toPlainText().isEmpty());
}

void TestLogsPage::noUnmaskedPhoneNumber()
{
    recordSample();
    m_clock.set(may(6));
    LogEvent event;
    event.type = QStringLiteral("gd_enrollment_complete");
    event.description = QStringLiteral("Enrolled +15554443232");
    event.userId = QStringLiteral("auth0|sms");
    event.userName = QStringLiteral("+15554443232"); // a phone number as user name
    event.details
        = QJsonObject {{QStringLiteral("authenticator"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("phone")},
                                     {QStringLiteral("phone_number"), QStringLiteral("+15554443232")}}}};
    auto recorded = logs().record(event);
    QVERIFY2(recorded, errorBytes(recorded));
    QCOMPARE(m_page->model()->rowCount(), 5);

    auto *detail = m_page->findChild<QPlainTextEdit *>(QStringLiteral("logDetail"));
    QVERIFY(detail);
    const LogListModel *model = m_page->model();
    int masked = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)}) {
                const QString text = model->index(row, column).data(role).toString();
                QVERIFY2(!text.contains(kPhoneDigits), qPrintable(text));
                masked += text.contains(QStringLiteral("+1******3232")) ? 1 : 0;
            }
        }
        QVERIFY(m_page->selectEvent(model->index(row, 0).data(int(LogListModel::Role::LogId)).toString()));
        QVERIFY2(!detail->toPlainText().contains(kPhoneDigits), qPrintable(detail->toPlainText()));
    }
    QVERIFY(masked > 0); // the masked form is shown, not nothing
    QVERIFY(m_page->selectEvent(recorded.value().logId));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("+1******3232")));
}

QTEST_MAIN(TestLogsPage)
#include "TestLogsPage.moc"
