#include "SetupChecklist.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"

SetupChecklist::SetupChecklist(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
{
    ApplicationService *apps = &tenant.applications();
    connect(apps, &ApplicationService::applicationCreated, this, &SetupChecklist::changed);
    connect(apps, &ApplicationService::applicationUpdated, this, &SetupChecklist::changed);
    connect(apps, &ApplicationService::applicationRemoved, this, &SetupChecklist::changed);
    connect(&tenant.flows(), &FlowService::flowApplied, this, &SetupChecklist::changed);
    connect(&tenant.mfa(), &MfaService::changed, this, &SetupChecklist::changed);
    IntegrationService *integrations = &tenant.integrations();
    connect(integrations, &IntegrationService::integrationInstalled, this, &SetupChecklist::changed);
    connect(integrations, &IntegrationService::integrationUpdated, this, &SetupChecklist::changed);
    connect(integrations, &IntegrationService::integrationRemoved, this, &SetupChecklist::changed);
}

QList<SetupChecklist::Item> SetupChecklist::items() const
{
    return {applicationStep(), plivoStep(), flowStep(), factorStep(), policyStep()};
}

SetupChecklist::Item SetupChecklist::applicationStep() const
{
    Item item {Step::Application, State::ToDo, tr("Create a Single Page Application"), {}, {}};
    const auto configured = m_tenant.applications().firstOfType(ApplicationType::SinglePage, true);
    const auto any = m_tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    if (!configured || !any) {
        item.detail = (configured ? any.error() : configured.error()).message();
        return item;
    }
    if (const auto &app = configured.value()) {
        item.state = State::Done;
        item.clientId = app->clientId;
        item.detail = tr("“%1” has its callback URLs and web origins set.").arg(app->name);
        return item;
    }
    const QString spaWithoutUrls = any.value() ? any.value()->name : QString();
    item.clientId = any.value() ? any.value()->clientId : QString();
    item.detail = spaWithoutUrls.isEmpty()
        ? tr("Create a Single Page Web Application (React) for your login.")
        : tr("Set the callback URLs and web origins of “%1”, e.g. http://localhost:3000.")
              .arg(spaWithoutUrls);
    return item;
}

SetupChecklist::Item SetupChecklist::plivoStep() const
{
    Item item {Step::PlivoIntegration, State::ToDo, tr("Add the Plivo integration"), {}, {}};
    const auto plivo = m_tenant.integrations().findByCatalogId(PlivoIntegration::CatalogId);
    if (!plivo) {
        item.detail = plivo.error().message();
        return item;
    }
    if (!plivo.value()) {
        item.detail
            = tr("Actions > Library: Add Integration, Plivo, with your Auth ID, Auth Token and number.");
        return item;
    }
    item.state = State::Done;
    item.detail = plivo.value()->useSandbox
        ? tr("Installed, sending to the local test phone.")
        : tr("Installed, sending from %1.").arg(plivo.value()->configuration.value(PlivoIntegration::Number));
    return item;
}

SetupChecklist::Item SetupChecklist::flowStep() const
{
    Item item {Step::PhoneMessageFlow, State::ToDo, tr("Put Plivo in the Send Phone Message flow"), {}, {}};
    const auto plivo = m_tenant.integrations().findByCatalogId(PlivoIntegration::CatalogId);
    const auto bindings = m_tenant.flows().bindings(QStringLiteral("send-phone-message"));
    if (!plivo || !bindings) {
        item.detail = (!plivo ? plivo.error() : bindings.error()).message();
        return item;
    }
    if (!plivo.value()) {
        item.detail = tr("Add the Plivo integration first.");
        return item;
    }
    item.clientId = plivo.value()->id;
    for (const Binding &binding : bindings.value()) {
        if (binding.actionId == plivo.value()->id) {
            item.state = State::Done;
            item.detail = tr("Plivo runs in the Send Phone Message flow (applied).");
            return item;
        }
    }
    item.detail
        = tr("Actions > Flows > Send Phone Message: drag Plivo between Start and Complete, then Apply.");
    return item;
}

SetupChecklist::Item SetupChecklist::factorStep() const
{
    Item item {Step::PhoneFactor, State::ToDo, tr("Turn on the Phone Message factor"), {}, {}};
    const PhoneFactorSettings phone = m_tenant.mfa().phoneFactor();
    if (phone.enabled && phone.provider == QLatin1String("phone-message-hook")) {
        item.state = State::Done;
        item.detail = tr("On, delivered by the Send Phone Message flow (Custom), by SMS.");
    } else {
        item.detail
            = tr("Security > Multi-factor Auth > Phone Message: enable it, provider Custom, delivery SMS.");
    }
    return item;
}

SetupChecklist::Item SetupChecklist::policyStep() const
{
    Item item {Step::PolicyAlways, State::ToDo, tr("Require Multi-factor Auth: Always"), {}, {}};
    if (m_tenant.mfa().policy() == MfaPolicy::Always) {
        item.state = State::Done;
        const QStringList problems = m_tenant.mfa().problemsWithAlways();
        item.detail = problems.isEmpty()
            ? tr("Every login asks for a code.")
            : tr("Always, but logins will fail: %1").arg(problems.join(QLatin1Char(' ')));
    } else {
        item.detail = tr("Security > Multi-factor Auth > Define policies: Always.");
    }
    return item;
}
