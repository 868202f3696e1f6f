#include "LoginFlowAction.h"

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"

bool bindLoginAction(Tenant &tenant, const QString &body)
{
    CustomActionService &actions = tenant.customActions();
    auto created = actions.create(QStringLiteral("Gate"), Triggers::PostLogin);
    if (!created) {
        qWarning("%s", qPrintable(created.error().message()));
        return false;
    }
    const QString code
        = QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n%1\n};\n").arg(body);
    if (auto saved = actions.saveDraft(created.value().id, code, {}, created.value().revision); !saved) {
        qWarning("%s", qPrintable(saved.error().message()));
        return false;
    }
    const CustomActionJobResult deployed = waitForJob(actions.deploy(created.value().id));
    if (!deployed.succeeded) {
        qWarning("%s", qPrintable(deployed.message()));
        return false;
    }
    const auto applied = tenant.flows().apply(
        Triggers::PostLogin, {{Binding::Kind::Custom, created.value().id, created.value().name, 1}});
    if (!applied)
        qWarning("%s", qPrintable(applied.error().message()));
    return applied.ok();
}
