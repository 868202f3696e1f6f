// File > Open Tenant's dialog on real widgets: the location it gives for a file or a PostgreSQL server
// (never with the password), required fields, and Test connection on a worker thread against a closed
// port and the AUTHDECK_TEST_POSTGRES server (a missing database, an empty one, a tenant).

#include "core/store/Database.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/MessageBar.h"
#include "ui/tenantopen/OpenTenantDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

#include <memory>

Q_DECLARE_METATYPE(PostgresProbe::Outcome)

class TestOpenTenantDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void givesTheLocation_data();
    void givesTheLocation();
    void readsALocationBack_data();
    void readsALocationBack();
    void refusesEmptyFields();
    void reportsAClosedPort();
    void reportsWhatTheServerHolds();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        auto *found = m_dialog->findChild<T *>(name);
        if (!found)
            qFatal("no %s", qPrintable(name));
        return found;
    }
    void fillServer(const QString &host, int port, const QString &database, const QString &user);
    /// Clicks Test Connection and waits for its outcome.
    PostgresProbe::Outcome test();

    std::unique_ptr<OpenTenantDialog> m_dialog;
};

void TestOpenTenantDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<PostgresProbe::Outcome>();
}

void TestOpenTenantDialog::init()
{
    m_dialog = std::make_unique<OpenTenantDialog>();
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestOpenTenantDialog::cleanup()
{
    if (m_dialog && m_dialog->isTesting()) {
        QSignalSpy done(m_dialog.get(), &OpenTenantDialog::tested);
        QVERIFY(done.wait(15000));
    }
    m_dialog.reset();
}

void TestOpenTenantDialog::fillServer(const QString &host,
                                      int port,
                                      const QString &database,
                                      const QString &user)
{
    child<ChoiceCard>(QStringLiteral("postgresServerCard"))->click();
    child<QLineEdit>(QStringLiteral("postgresHost"))->setText(host);
    child<QSpinBox>(QStringLiteral("postgresPort"))->setValue(port);
    child<QLineEdit>(QStringLiteral("postgresDatabase"))->setText(database);
    child<QLineEdit>(QStringLiteral("postgresUser"))->setText(user);
}

PostgresProbe::Outcome TestOpenTenantDialog::test()
{
    QSignalSpy tested(m_dialog.get(), &OpenTenantDialog::tested);
    auto *button = child<QPushButton>(QStringLiteral("testConnectionButton"));
    QTest::mouseClick(button, Qt::LeftButton);
    // The GUI thread is free while the worker connects: the button waits for the outcome.
    if (tested.isEmpty() && !button->isEnabled() && !tested.wait(15000))
        return PostgresProbe::Outcome::Failed;
    if (tested.size() != 1 || !button->isEnabled())
        return PostgresProbe::Outcome::Failed;
    return tested.constFirst().constFirst().value<PostgresProbe::Outcome>();
}

void TestOpenTenantDialog::givesTheLocation_data()
{
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("location");
    QTest::newRow("libpq's default: no query")
        << QStringLiteral("prefer") << QStringLiteral("postgresql://ada@db.example.com:6543/team");
    QTest::newRow("required") << QStringLiteral("require")
                              << QStringLiteral("postgresql://ada@db.example.com:6543/team?sslmode=require");
    QTest::newRow("verified") << QStringLiteral(
        "verify-full") << QStringLiteral("postgresql://ada@db.example.com:6543/team?sslmode=verify-full");
    QTest::newRow("off") << QStringLiteral("disable")
                         << QStringLiteral("postgresql://ada@db.example.com:6543/team?sslmode=disable");
}

void TestOpenTenantDialog::givesTheLocation()
{
    QFETCH(QString, sslMode);
    QFETCH(QString, location);
    fillServer(QStringLiteral("db.example.com"), 6543, QStringLiteral("team"), QStringLiteral("ada"));
    auto *mode = child<QComboBox>(QStringLiteral("postgresSslMode"));
    mode->setCurrentIndex(mode->findData(sslMode));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("postgresPassword")), QStringLiteral("s3cret"));
    QVERIFY(m_dialog->isPostgres());
    QCOMPARE(m_dialog->location(), location);
    QCOMPARE(m_dialog->password(), QStringLiteral("s3cret"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("postgresPassword"))->echoMode(), QLineEdit::Password);

    QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("openButton")), Qt::LeftButton);
    QCOMPARE(accepted.size(), 1);
}

void TestOpenTenantDialog::readsALocationBack_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<bool>("postgres");
    QTest::newRow("file") << QStringLiteral("/home/ada/staging.authdeck") << false;
    QTest::newRow("server") << QStringLiteral("postgresql://ada@db.example.com:5432/team") << true;
    QTest::newRow("server with TLS") << QStringLiteral(
        "postgresql://ada@db.example.com:5433/team?sslmode=verify-ca")
                                     << true;
}

void TestOpenTenantDialog::readsALocationBack()
{
    QFETCH(QString, location);
    QFETCH(bool, postgres);
    m_dialog->setLocation(location);
    QCOMPARE(m_dialog->isPostgres(), postgres);
    QCOMPARE(m_dialog->location(), location);
    QCOMPARE(child<QLineEdit>(QStringLiteral("postgresHost"))->isVisible(), postgres);
    QCOMPARE(child<QLineEdit>(QStringLiteral("tenantFile"))->isVisible(), !postgres);
    QCOMPARE(child<QPushButton>(QStringLiteral("testConnectionButton"))->isVisible(), postgres);
}

void TestOpenTenantDialog::refusesEmptyFields()
{
    QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("openButton")), Qt::LeftButton);
    QVERIFY(accepted.isEmpty());
    QVERIFY(child<QLabel>(QStringLiteral("tenantFileError"))->isVisible());

    fillServer(QString(), 5432, QStringLiteral("team"), QString());
    QTest::mouseClick(child<QPushButton>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    QVERIFY(!m_dialog->isTesting());
    QTest::mouseClick(child<QPushButton>(QStringLiteral("openButton")), Qt::LeftButton);
    QVERIFY(accepted.isEmpty());
    QVERIFY(child<QLabel>(QStringLiteral("postgresHostError"))->isVisible());
    QVERIFY(child<QLabel>(QStringLiteral("postgresUserError"))->isVisible());
    QVERIFY(!child<QLabel>(QStringLiteral("postgresDatabaseError"))->isVisible());
}

void TestOpenTenantDialog::reportsAClosedPort()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    fillServer(QStringLiteral("127.0.0.1"), port, QStringLiteral("team"), QStringLiteral("ada"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("postgresPassword")), QStringLiteral("s3cret"));
    const PostgresProbe::Outcome outcome = test();
    auto *message = child<MessageBar>(QStringLiteral("openTenantMessage"));
    if (outcome == PostgresProbe::Outcome::Failed && message->text().contains(QLatin1String("QPSQL")))
        QSKIP(qPrintable(message->text()));
    QCOMPARE(outcome, PostgresProbe::Outcome::Unreachable);
    QCOMPARE(message->level(), MessageBar::Level::Error);
    QVERIFY2(
        message->text().startsWith(QStringLiteral("No PostgreSQL server answered at 127.0.0.1:%1").arg(port)),
        qPrintable(message->text()));
    QVERIFY(!message->text().contains(QLatin1String("s3cret")));
}

void TestOpenTenantDialog::reportsWhatTheServerHolds()
{
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty())
        QSKIP(qPrintable(why));
    ScratchPostgres scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    const QUrl server(scratch.url());
    auto *message = child<MessageBar>(QStringLiteral("openTenantMessage"));

    fillServer(server.host(), server.port(5432), QStringLiteral("authdeck_missing"), server.userName());
    QCOMPARE(test(), PostgresProbe::Outcome::DatabaseMissing);
    QVERIFY2(message->text().contains(QLatin1String("no database named authdeck_missing")),
             qPrintable(message->text()));

    m_dialog->setLocation(scratch.url());
    QCOMPARE(test(), PostgresProbe::Outcome::Empty);
    QCOMPARE(message->level(), MessageBar::Level::Info);
    QVERIFY2(message->text().contains(QLatin1String("new tenant")), qPrintable(message->text()));

    QVERIFY(Database::open(scratch.url()));
    QCOMPARE(test(), PostgresProbe::Outcome::Tenant);
    QCOMPARE(message->level(), MessageBar::Level::Success);
    QVERIFY2(message->text().contains(QStringLiteral("schema version %1").arg(Database::latestVersion())),
             qPrintable(message->text()));
}

QTEST_MAIN(TestOpenTenantDialog)
#include "TestOpenTenantDialog.moc"
