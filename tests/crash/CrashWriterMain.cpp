// crash_writer TENANT SEED: opens the tenant with the system keyring as the app does, waits for the repair of
// what an earlier kill left (SecretRecovery), says "ready", then writes until it is killed (CrashWriter).

#include "CrashWriter.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/tenant/SecretRecovery.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: crash_writer TENANT SEED\n");
        return 2;
    }
    KeychainSecretStore keyring;
    auto tenant = Tenant::open(arguments.at(1), keyring);
    if (!tenant) {
        std::fprintf(stderr, "%s\n", qPrintable(tenant.error().message()));
        return 1;
    }
    if (!tenant.value()->sms().startSandbox()) {
        std::fprintf(stderr, "%s\n", qPrintable(tenant.value()->sms().sandbox().errorString()));
        return 1;
    }
    CrashWriter writer(*tenant.value(), arguments.at(2).toUInt());
    auto begin = [&writer] {
        std::printf("ready\n");
        std::fflush(stdout);
        writer.start();
    };
    SecretRecovery &recovery = tenant.value()->secretRecovery();
    if (recovery.isFinished())
        begin();
    else
        QObject::connect(&recovery, &SecretRecovery::finished, &writer, begin);
    return app.exec();
}
