#include "core/store/Database.h"
#include "core/store/SmsMessageRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace {

SmsMessageRecord record(const QString &uuid, const QDateTime &createdAt = {})
{
    SmsMessageRecord row;
    row.uuid = uuid;
    row.to = QStringLiteral("+14155550199");
    row.from = QStringLiteral("+14155550100");
    row.state = QStringLiteral("queued");
    row.source = QStringLiteral("integration-test");
    row.createdAt = createdAt;
    return row;
}

} // namespace

class TestSmsMessageRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void recordAndFind();
    void findUnknown();
    void duplicateIsConflict();
    void uuidRequired();
    void updateState();
    void updateUnknownIsNotFound();
    void recentNewestFirst();
    void keptAcrossReopen();
    void storesNoText();
    void storesTheRecipientMasked_data();
    void storesTheRecipientMasked();

private:
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<SmsMessageRepository> m_repository;
};

void TestSmsMessageRepository::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestSmsMessageRepository::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_repository = std::make_unique<SmsMessageRepository>(m_tenant->tenant().database());
}

void TestSmsMessageRepository::cleanup()
{
    m_repository.reset();
    m_tenant.reset();
}

void TestSmsMessageRepository::recordAndFind()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const auto recorded = m_repository->recordSent(record(QStringLiteral("u-1")));
    QVERIFY2(recorded, errorBytes(recorded));

    const auto found = m_repository->find(QStringLiteral("u-1"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value().has_value());
    const SmsMessageRecord row = *found.value();
    QCOMPARE(row.uuid, QStringLiteral("u-1"));
    QCOMPARE(row.to, QStringLiteral("+1******0199"));
    QCOMPARE(row.from, QStringLiteral("+14155550100"));
    QCOMPARE(row.state, QStringLiteral("queued"));
    QCOMPARE(row.errorCode, QString());
    QCOMPARE(row.source, QStringLiteral("integration-test"));
    QVERIFY(row.createdAt >= before);
    QCOMPARE(row.updatedAt, row.createdAt);
}

void TestSmsMessageRepository::findUnknown()
{
    const auto found = m_repository->find(QStringLiteral("nothing"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(!found.value().has_value());
}

void TestSmsMessageRepository::duplicateIsConflict()
{
    QVERIFY(m_repository->recordSent(record(QStringLiteral("u-1"))));
    const auto again = m_repository->recordSent(record(QStringLiteral("u-1")));
    QVERIFY(!again);
    QCOMPARE(again.error().kind(), Error::Kind::Conflict);
}

void TestSmsMessageRepository::uuidRequired()
{
    const auto recorded = m_repository->recordSent(record(QString()));
    QVERIFY(!recorded);
    QCOMPARE(recorded.error().kind(), Error::Kind::Invalid);
}

void TestSmsMessageRepository::updateState()
{
    const QDateTime created = QDateTime::currentDateTimeUtc().addSecs(-60);
    QVERIFY(m_repository->recordSent(record(QStringLiteral("u-1"), created)));
    const auto updated = m_repository->updateState(
        QStringLiteral("u-1"), QStringLiteral("undelivered"), QStringLiteral("30"));
    QVERIFY2(updated, errorBytes(updated));

    const SmsMessageRecord row = *m_repository->find(QStringLiteral("u-1")).value();
    QCOMPARE(row.state, QStringLiteral("undelivered"));
    QCOMPARE(row.errorCode, QStringLiteral("30"));
    QCOMPARE(row.createdAt, created.toUTC());
    QVERIFY(row.updatedAt > row.createdAt);
}

void TestSmsMessageRepository::updateUnknownIsNotFound()
{
    const auto updated
        = m_repository->updateState(QStringLiteral("nothing"), QStringLiteral("sent"), QString());
    QVERIFY(!updated);
    QCOMPARE(updated.error().kind(), Error::Kind::NotFound);
}

void TestSmsMessageRepository::recentNewestFirst()
{
    const QDateTime base = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    QVERIFY(m_repository->recordSent(record(QStringLiteral("b"), base.addSecs(20))));
    QVERIFY(m_repository->recordSent(record(QStringLiteral("a"), base.addSecs(10))));
    QVERIFY(m_repository->recordSent(record(QStringLiteral("c"), base.addSecs(30))));

    const auto two = m_repository->recent(2);
    QVERIFY2(two, errorBytes(two));
    QCOMPARE(two.value().size(), 2);
    QCOMPARE(two.value().at(0).uuid, QStringLiteral("c"));
    QCOMPARE(two.value().at(1).uuid, QStringLiteral("b"));
    QCOMPARE(m_repository->recent(10).value().size(), 3);
    QCOMPARE(m_repository->recent(0).value().size(), 0);
}

void TestSmsMessageRepository::keptAcrossReopen()
{
    QVERIFY(m_repository->recordSent(record(QStringLiteral("u-1"))));
    m_repository.reset();
    QVERIFY(m_tenant->reopen());
    SmsMessageRepository reopened(m_tenant->tenant().database());
    const auto found = reopened.find(QStringLiteral("u-1"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value().has_value());
}

void TestSmsMessageRepository::storesNoText()
{
    // The message text carries one-time codes: the table has no column for it.
    QSqlQuery query
        = m_tenant->tenant().database().prepare(QStringLiteral("SELECT * FROM sms_messages WHERE 1 = 0"));
    QVERIFY(query.exec());
    QStringList columns;
    for (int i = 0; i < query.record().count(); ++i)
        columns.append(query.record().fieldName(i));
    QCOMPARE(columns,
             (QStringList {QStringLiteral("uuid"),
                           QStringLiteral("to_number"),
                           QStringLiteral("from_number"),
                           QStringLiteral("state"),
                           QStringLiteral("error_code"),
                           QStringLiteral("source"),
                           QStringLiteral("created_at"),
                           QStringLiteral("updated_at")}));
}

void TestSmsMessageRepository::storesTheRecipientMasked_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("stored");
    QTest::newRow("US") << QStringLiteral("+14155550199") << QStringLiteral("+1******0199");
    QTest::newRow("UK, two-digit country code")
        << QStringLiteral("+447946000958") << QStringLiteral("+44******0958");
    QTest::newRow("already masked") << QStringLiteral("+44******0958") << QStringLiteral("+44******0958");
    QTest::newRow("none") << QString() << QString();
}

void TestSmsMessageRepository::storesTheRecipientMasked()
{
    QFETCH(QString, to);
    QFETCH(QString, stored);
    SmsMessageRecord row = record(QStringLiteral("u-1"));
    row.to = to;
    const auto recorded = m_repository->recordSent(row);
    QVERIFY2(recorded, errorBytes(recorded));

    // The column itself, not only what find() makes of it; the sender (the tenant's number) is kept.
    QSqlQuery query = m_tenant->tenant().database().prepare(
        QStringLiteral("SELECT to_number, from_number FROM sms_messages WHERE uuid = 'u-1'"));
    QVERIFY(query.exec() && query.next());
    QCOMPARE(query.value(0).toString(), stored);
    QCOMPARE(query.value(1).toString(), QStringLiteral("+14155550100"));
    QCOMPARE(m_repository->find(QStringLiteral("u-1")).value()->to, stored);
}

QTEST_GUILESS_MAIN(TestSmsMessageRepository)
#include "TestSmsMessageRepository.moc"
