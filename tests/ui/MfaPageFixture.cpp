#include "MfaPageFixture.h"

#include "core/actions/IntegrationJob.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/settings/TenantSettings.h"
#include "tests/support/ResultText.h"

#include <QSignalSpy>
#include <QTest>

void MfaPageFixture::setUp(const Options &options)
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    TenantSettings::Values values = tenant().settings().values();
    values.friendlyName = options.friendlyName;
    const auto named = tenant().settings().save(values);
    QVERIFY2(named, errorBytes(named));
    if (options.testPhone) {
        QVERIFY2(tenant().sms().startSandbox(), qPrintable(sandbox().errorString()));
        sandbox().setStateDelays(20, 60);
        tenant().sms().tracker(true).setPollIntervalMs(30);
    }
    if (options.plivo) {
        IntegrationJob *job
            = tenant().integrations().install(PlivoIntegration::CatalogId,
                                              {{PlivoIntegration::Number, QStringLiteral("+14155550100")}},
                                              {},
                                              true);
        QSignalSpy finished(job, &IntegrationJob::finished);
        QVERIFY(finished.wait(5000));
        const auto installed = tenant().integrations().findByCatalogId(PlivoIntegration::CatalogId);
        QVERIFY2(installed, errorBytes(installed));
        QVERIFY(installed.value().has_value());
        m_plivoId = installed.value()->id;
    }
    m_window = std::make_unique<MainWindow>(tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void MfaPageFixture::tearDown()
{
    m_window.reset();
    m_tenant.reset();
    m_plivoId.clear();
}

PlivoSandbox &MfaPageFixture::sandbox()
{
    return tenant().sms().sandbox();
}
