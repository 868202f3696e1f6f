#include "SandboxActions.h"

#include "core/actions/CustomActionService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"

namespace {

const char *const kSendWithFetch = R"js(
exports.onExecuteSendPhoneMessage = async (event, api) => {
  const { recipient, text } = event.message_options;
  const id = event.secrets.PLIVO_AUTH_ID;
  const auth = Buffer.from(`${id}:${event.secrets.PLIVO_AUTH_TOKEN}`).toString('base64');
  const response = await fetch(`${event.secrets.PLIVO_URL}/v1/Account/${id}/Message/`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ src: event.secrets.PLIVO_NUMBER, dst: recipient, text }),
  });
  if (!response.ok)
    throw new Error(`Plivo answered ${response.status}: ${await response.text()}`);
  const body = await response.json();
  console.log(`queued ${body.message_uuid[0]} for ${event.message_options.action}`);
};
)js";

} // namespace

QString sendWithFetchCode()
{
    return QString::fromLatin1(kSendWithFetch);
}

QString deployPhoneAction(Tenant &tenant, const QString &name, const QString &code)
{
    CustomActionService &actions = tenant.customActions();
    const auto succeeded = [](CustomActionJob *job) {
        const CustomActionJobResult result = waitForJob(job);
        if (!result.succeeded)
            qWarning("%s", qPrintable(result.message()));
        return result.succeeded;
    };
    auto created = actions.create(name, QStringLiteral("send-phone-message"));
    if (!created)
        return {};
    const QString id = created.value().id;
    if (!actions.saveDraft(id, code, {}, created.value().revision))
        return {};
    const PlivoCredentials credentials = PlivoSandbox::credentials();
    const QList<std::pair<QString, QString>> secrets {
        {QStringLiteral("PLIVO_AUTH_ID"), credentials.authId},
        {QStringLiteral("PLIVO_AUTH_TOKEN"), credentials.authToken},
        {QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()},
        {QStringLiteral("PLIVO_URL"), tenant.sms().sandbox().baseUrl().toString()}};
    for (const auto &[key, value] : secrets) {
        if (!succeeded(actions.setSecret(id, key, value.toUtf8())))
            return {};
    }
    if (!succeeded(actions.deploy(id)))
        return {};
    Binding binding;
    binding.kind = Binding::Kind::Custom;
    binding.actionId = id;
    binding.displayName = name;
    if (auto applied = tenant.flows().apply(QStringLiteral("send-phone-message"), {binding}); !applied) {
        qWarning("%s", qPrintable(applied.error().message()));
        return {};
    }
    return id;
}
