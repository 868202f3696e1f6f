#include "BenchTenant.h"

#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTest>

int BenchTenant::applicationCount()
{
    bool ok = false;
    const int count = qEnvironmentVariableIntValue("AUTHDECK_BENCH_APPS", &ok);
    return ok && count >= 0 ? count : DefaultApplications;
}

QString BenchTenant::seed(Tenant &tenant, int count)
{
    static const QStringList areas {QStringLiteral("Billing"),
                                    QStringLiteral("Checkout"),
                                    QStringLiteral("Dashboard"),
                                    QStringLiteral("Inventory"),
                                    QStringLiteral("Mobile"),
                                    QStringLiteral("Partner"),
                                    QStringLiteral("Reporting"),
                                    QStringLiteral("Support")};
    static const QList<ApplicationType> types {ApplicationType::SinglePage,
                                               ApplicationType::RegularWeb,
                                               ApplicationType::Native,
                                               ApplicationType::MachineToMachine};

    ApplicationService &applications = tenant.applications();
    for (int i = 0; i < count; ++i) {
        NewApplication request;
        request.name = QStringLiteral("%1 App %2").arg(areas.at(i % areas.size())).arg(i);
        request.type = types.at(i % types.size());
        request.technology = QStringLiteral("React");
        if (auto created = applications.create(request); !created)
            return QStringLiteral("application %1: %2").arg(i).arg(created.error().message());
    }
    // Confidential applications queued a secret write each; run them and delete the finished jobs.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return {};
}

QString BenchTenant::seedDemo(Tenant &tenant)
{
    if (!tenant.sms().startSandbox())
        return QStringLiteral("The sandbox did not start: %1").arg(tenant.sms().sandbox().errorString());
    DemoSeeder seeder(tenant);
    std::optional<QString> outcome;
    QObject::connect(&seeder, &DemoSeeder::finished, [&outcome](const QString &error) { outcome = error; });
    seeder.start();
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 20000))
        return QStringLiteral("Seeding timed out");
    return outcome->isEmpty() ? QString() : QStringLiteral("Seeding failed: %1").arg(*outcome);
}
