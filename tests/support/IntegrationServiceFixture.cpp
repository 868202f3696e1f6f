#include "IntegrationServiceFixture.h"

#include "core/store/Database.h"

#include <QPointer>
#include <QSqlQuery>
#include <QTest>

IntegrationServiceFixture::Configuration IntegrationServiceFixture::number(const QString &value)
{
    return {{kNumber, value}};
}

IntegrationServiceFixture::Secrets IntegrationServiceFixture::credentials(const QByteArray &token)
{
    return {{kAuthId, kAuthIdValue}, {kAuthToken, token}};
}

IntegrationServiceFixture::JobOutcome IntegrationServiceFixture::waitFor(IntegrationJob *job)
{
    JobOutcome outcome;
    QPointer<IntegrationJob> alive(job);
    QObject::connect(job, &IntegrationJob::finished, job, [&outcome](IntegrationJob *done) {
        ++outcome.finishedCount;
        outcome.succeeded = done->succeeded();
        outcome.error = done->error();
        outcome.integration = done->integration();
        outcome.problems = done->problems();
    });
    // Once deleteLater() has run, no second finished() can come.
    const bool gone = QTest::qWaitFor([&alive] { return alive.isNull(); }, 5000);
    if (!gone || outcome.finishedCount != 1) {
        outcome.succeeded = false;
        outcome.error = Error(Error::Kind::Timeout,
                              QStringLiteral("the job finished %1 times").arg(outcome.finishedCount));
    }
    return outcome;
}

void IntegrationServiceFixture::setUp()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_service = makeService();
    QVERIFY(m_service->catalog().find(QStringLiteral("plivo")));
}

void IntegrationServiceFixture::tearDown()
{
    m_service.reset();
    m_temp.reset();
}

std::unique_ptr<IntegrationService> IntegrationServiceFixture::makeService(SecretStore *store)
{
    auto catalog = IntegrationCatalog::load();
    if (!catalog)
        qFatal("the shipped catalog does not load: %s", qPrintable(catalog.error().message()));
    return std::make_unique<IntegrationService>(
        m_temp->tenant().database(), store ? *store : m_temp->secrets(), tenantId(), catalog.takeValue());
}

int IntegrationServiceFixture::rowCount()
{
    QSqlQuery query
        = m_temp->tenant().database().prepare(QStringLiteral("SELECT count(*) FROM integrations"));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

SecretJobResult
IntegrationServiceFixture::storedSecret(const QString &integrationId, const QString &key, SecretStore *store)
{
    SecretStore &secrets = store ? *store : m_temp->secrets();
    return waitForJob(secrets.read(IntegrationService::secretKey(tenantId(), integrationId, key)));
}

Integration IntegrationServiceFixture::installPlivo()
{
    const JobOutcome installed
        = waitFor(m_service->install(QStringLiteral("plivo"), number(), credentials(), false));
    if (!installed.succeeded)
        qWarning("install failed: %s", installed.message().constData());
    return installed.integration;
}
