#include "DemoSeeder.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"

DemoSeeder::DemoSeeder(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
{ }

void DemoSeeder::finishWith(const QString &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT finished(error); }, Qt::QueuedConnection);
}

void DemoSeeder::start()
{
    ApplicationService &apps = m_tenant.applications();
    if (auto count = apps.count(); !count || count.value() > 0)
        return finishWith(count ? QString() : count.error().message());

    auto created
        = apps.create({tr("My React App"), ApplicationType::SinglePage, QStringLiteral("React"), {}});
    if (!created)
        return finishWith(created.error().message());
    Application app = created.value();
    app.callbacks = app.logoutUrls = app.webOrigins = {QStringLiteral("http://localhost:3000")};
    if (auto updated = apps.update(app); !updated)
        return finishWith(updated.error().message());

    const QHash<QString, QString> configuration {{PlivoIntegration::Number, PlivoSandbox::senderNumber()}};
    IntegrationJob *job
        = m_tenant.integrations().install(PlivoIntegration::CatalogId, configuration, {}, true);
    connect(job, &IntegrationJob::finished, this, [this](IntegrationJob *done) {
        if (!done->succeeded())
            return finishWith(done->error()->message());
        configureStory(done->integration().id, done->integration().name);
    });
}

void DemoSeeder::configureStory(const QString &integrationId, const QString &integrationName)
{
    Binding plivo;
    plivo.actionId = integrationId;
    plivo.displayName = integrationName;
    if (auto applied = m_tenant.flows().apply(QStringLiteral("send-phone-message"), {plivo}); !applied)
        return finishWith(applied.error().message());
    PhoneFactorSettings phone = m_tenant.mfa().phoneFactor();
    phone.enabled = true;
    if (auto saved = m_tenant.mfa().savePhoneFactor(phone); !saved)
        return finishWith(saved.error().message());
    if (auto saved = m_tenant.mfa().setPolicy(MfaPolicy::Always); !saved)
        return finishWith(saved.error().message());
    auto user = m_tenant.users().create(QLatin1String(DemoEmail), QLatin1String(DemoPassword));
    if (!user)
        return finishWith(user.error().message());
    finishWith({});
}
