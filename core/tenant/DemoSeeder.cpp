#include "DemoSeeder.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/SecretStore.h"
#include "core/tenant/Tenant.h"

#include <memory>
#include <utility>

namespace {

const QString kTechnology = QStringLiteral("React");
const QString kLocalUrl = QStringLiteral("http://localhost:3000");

} // namespace

DemoSeeder::DemoSeeder(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
{ }

DemoSeeder::~DemoSeeder() = default;

void DemoSeeder::finishWith(const QString &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT finished(error); }, Qt::QueuedConnection);
}

Result<std::optional<QString>> DemoSeeder::demoApplication() const
{
    auto apps = m_tenant.applications().list();
    if (!apps)
        return apps.error();
    if (apps.value().isEmpty())
        return std::optional<QString>(QString());
    if (apps.value().size() > 1)
        return std::optional<QString>();
    auto app = m_tenant.applications().find(apps.value().constFirst().clientId);
    if (!app)
        return app.error();
    const bool isDemo = app.value().name == tr("My React App")
        && app.value().type == ApplicationType::SinglePage && app.value().technology == kTechnology;
    return isDemo ? std::optional<QString>(app.value().clientId) : std::optional<QString>();
}

void DemoSeeder::start()
{
    // The demo user is written last: with it, the demo is complete (or the admin's own by now).
    auto user = m_tenant.users().findByEmail(QLatin1String(DemoEmail));
    if (!user)
        return finishWith(user.error().message());
    auto demoApp = demoApplication();
    if (!demoApp)
        return finishWith(demoApp.error().message());
    if (user.value() || !demoApp.value())
        return finishWith({});

    auto held = m_tenant.database().hold();
    if (!held)
        return finishWith(held.error().message());
    m_transaction = held.takeValue();
    if (auto configured = configureApplication(*demoApp.value()); !configured)
        return failWith(configured.error().message());

    auto plivo = m_tenant.integrations().findByCatalogId(PlivoIntegration::CatalogId);
    if (!plivo)
        return failWith(plivo.error().message());
    if (plivo.value())
        return configureStory(*plivo.value());
    installPlivo();
}

Result<void> DemoSeeder::configureApplication(const QString &existingClientId)
{
    ApplicationService &apps = m_tenant.applications();
    auto app = existingClientId.isEmpty()
        ? apps.create({tr("My React App"), ApplicationType::SinglePage, kTechnology, {}})
        : apps.find(existingClientId);
    if (!app)
        return app.error();
    if (!app.value().callbacks.isEmpty())
        return {};
    Application edited = app.value();
    edited.callbacks = edited.logoutUrls = edited.webOrigins = {kLocalUrl};
    if (auto updated = apps.update(edited); !updated)
        return updated.error();
    return {};
}

void DemoSeeder::installPlivo()
{
    const QHash<QString, QString> configuration {{PlivoIntegration::Number, PlivoSandbox::senderNumber()}};
    IntegrationJob *job
        = m_tenant.integrations().install(PlivoIntegration::CatalogId, configuration, {}, true);
    connect(job, &IntegrationJob::finished, this, [this](IntegrationJob *done) {
        // A failed install has removed its secrets itself.
        if (!done->succeeded())
            return failWith(done->error()->message());
        const Integration &plivo = done->integration();
        for (const QString &key : plivo.secretsSet)
            m_writtenSecrets.append(IntegrationService::secretKey(m_tenant.id(), plivo.id, key));
        configureStory(plivo);
    });
}

void DemoSeeder::configureStory(const Integration &plivo)
{
    Binding binding;
    binding.actionId = plivo.id;
    binding.displayName = plivo.name;
    if (auto applied = m_tenant.flows().apply(QStringLiteral("send-phone-message"), {binding}); !applied)
        return failWith(applied.error().message());
    PhoneFactorSettings phone = m_tenant.mfa().phoneFactor();
    phone.enabled = true;
    if (auto saved = m_tenant.mfa().savePhoneFactor(phone); !saved)
        return failWith(saved.error().message());
    if (auto saved = m_tenant.mfa().setPolicy(MfaPolicy::Always); !saved)
        return failWith(saved.error().message());
    if (auto user = m_tenant.users().create(QLatin1String(DemoEmail), QLatin1String(DemoPassword)); !user)
        return failWith(user.error().message());
    auto committed = m_transaction->commit();
    m_transaction.reset();
    if (!committed)
        return failWith(committed.error().message());
    finishWith({});
}

void DemoSeeder::failWith(const QString &error)
{
    if (m_transaction) {
        m_transaction->rollback();
        m_transaction.reset();
    }
    if (m_writtenSecrets.isEmpty())
        return finishWith(error);
    // Report once the last secret is gone, so that nothing is left behind when the caller moves on.
    auto remaining = std::make_shared<int>(int(m_writtenSecrets.size()));
    for (const QString &key : std::exchange(m_writtenSecrets, {})) {
        connect(m_tenant.secrets().remove(key), &SecretJob::finished, this, [this, remaining, error] {
            if (--*remaining == 0)
                finishWith(error);
        });
    }
}
