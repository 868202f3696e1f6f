#include "TenantExporter.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientJson.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/mfa/MfaPolicy.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"

#include <QJsonArray>

#include <algorithm>

namespace {

QJsonArray sortedByName(QList<QJsonObject> records)
{
    std::sort(records.begin(), records.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("name")).toString() < b.value(QLatin1String("name")).toString();
    });
    QJsonArray array;
    for (const QJsonObject &record : records)
        array.append(record);
    return array;
}

Result<QJsonArray> clients(ApplicationService &applications)
{
    auto all = applications.page(0, -1);
    if (!all)
        return all.error();
    QList<QJsonObject> records;
    records.reserve(all.value().size());
    for (const Application &application : all.value()) {
        QJsonObject client = ClientJson::toJson(application);
        client.remove(QStringLiteral("client_id"));
        records.append(client);
    }
    return sortedByName(records);
}

QJsonObject actionJson(const CustomAction &action)
{
    QJsonArray dependencies;
    for (const ActionDependency &dependency : action.dependencies)
        dependencies.append(QJsonObject {{QStringLiteral("name"), dependency.name},
                                         {QStringLiteral("version"), dependency.version}});
    QJsonArray secrets;
    for (const ActionSecret &secret : action.secrets)
        secrets.append(QJsonObject {{QStringLiteral("name"), secret.name}});
    return {{QStringLiteral("name"), action.name},
            {QStringLiteral("code"), action.code},
            {QStringLiteral("runtime"), action.runtime},
            {QStringLiteral("dependencies"), dependencies},
            {QStringLiteral("deployed"), action.isDeployed() && action.allChangesDeployed},
            {QStringLiteral("status"), QStringLiteral("built")},
            {QStringLiteral("secrets"), secrets},
            {QStringLiteral("supported_triggers"),
             QJsonArray {QJsonObject {{QStringLiteral("id"), action.triggerId},
                                      {QStringLiteral("version"), action.triggerVersion}}}}};
}

} // namespace

namespace TenantExporter {

const QStringList &guardianFactorNames()
{
    static const QStringList names {QStringLiteral("push-notification"),
                                    QStringLiteral("sms"),
                                    QStringLiteral("email"),
                                    QStringLiteral("duo"),
                                    QStringLiteral("otp"),
                                    QStringLiteral("webauthn-roaming"),
                                    QStringLiteral("webauthn-platform"),
                                    QStringLiteral("recovery-code")};
    return names;
}

Result<QJsonObject> collect(Tenant &tenant)
{
    QJsonObject assets;
    auto clientRecords = clients(tenant.applications());
    if (!clientRecords)
        return clientRecords.error();
    assets.insert(QStringLiteral("clients"), clientRecords.value());

    auto actions = tenant.customActions().list();
    if (!actions)
        return actions.error();
    QList<QJsonObject> actionRecords;
    for (const CustomAction &action : actions.value())
        actionRecords.append(actionJson(action));
    assets.insert(QStringLiteral("actions"), sortedByName(actionRecords));

    QJsonObject triggers;
    for (const Trigger &trigger : Triggers::all()) {
        auto bindings = tenant.flows().bindings(trigger.id);
        if (!bindings)
            return bindings.error();
        QJsonArray list;
        for (const Binding &binding : bindings.value()) {
            const ActionRef ref = tenant.flows().describe(trigger.id, binding);
            list.append(QJsonObject {{QStringLiteral("action_name"), ref.name},
                                     {QStringLiteral("display_name"), binding.displayName}});
        }
        if (!list.isEmpty())
            triggers.insert(trigger.id, list);
    }
    assets.insert(QStringLiteral("triggers"), triggers);

    const PhoneFactorSettings phone = tenant.mfa().phoneFactor();
    QList<QJsonObject> factors;
    for (const QString &name : guardianFactorNames())
        factors.append({{QStringLiteral("name"), name},
                        {QStringLiteral("enabled"), name == QLatin1String("sms") && phone.enabled}});
    assets.insert(QStringLiteral("guardianFactors"), sortedByName(factors));
    assets.insert(QStringLiteral("guardianFactorProviders"), QJsonArray {});
    assets.insert(
        QStringLiteral("guardianFactorTemplates"),
        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("sms")},
                                 {QStringLiteral("enrollment_message"), phone.enrollmentTemplate},
                                 {QStringLiteral("verification_message"), phone.verificationTemplate}}});
    assets.insert(QStringLiteral("guardianPolicies"),
                  QJsonObject {{QStringLiteral("policies"), MfaPolicies::toApi(tenant.mfa().policy())}});
    assets.insert(QStringLiteral("guardianPhoneFactorSelectedProvider"),
                  QJsonObject {{QStringLiteral("provider"), phone.provider}});
    assets.insert(
        QStringLiteral("guardianPhoneFactorMessageTypes"),
        QJsonObject {{QStringLiteral("message_types"), QJsonArray::fromStringList(phone.messageTypes)}});
    return assets;
}

} // namespace TenantExporter
