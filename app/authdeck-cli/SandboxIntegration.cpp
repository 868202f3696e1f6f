#include "SandboxIntegration.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>

#include <cstdio>

int installSandboxIntegration(QCoreApplication &app, Tenant &tenant)
{
    IntegrationService &integrations = tenant.integrations();
    auto installed = integrations.findByCatalogId(PlivoIntegration::CatalogId);
    if (!installed || installed.value()) {
        if (!installed)
            std::fprintf(stderr, "authdeck-cli: %s\n", qPrintable(installed.error().message()));
        return installed ? 0 : 1;
    }
    int status = 0;
    IntegrationJob *job = integrations.install(
        PlivoIntegration::CatalogId, {{PlivoIntegration::Number, PlivoSandbox::senderNumber()}}, {}, true);
    QObject::connect(job, &IntegrationJob::finished, &app, [&status](IntegrationJob *done) {
        if (!done->succeeded()) {
            std::fprintf(stderr, "authdeck-cli: %s\n", qPrintable(done->error()->message()));
            status = 1;
        }
        QCoreApplication::exit(status);
    });
    app.exec();
    return status;
}
