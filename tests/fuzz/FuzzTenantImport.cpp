// deploy-cli's tenant.yaml as `authdeck-cli import` and the Import dialog read it: TenantFiles::read()
// (keyword replacement, YamlTree, the actions' code files it names) and ImportPlan::make() against the demo
// tenant (every resource checked and compared), then the plan's description. Input: the tenant.yaml; the
// keyword mappings DOMAIN, NAME, ORIGINS (a list) and ENABLED (a boolean) are set, as
// AUTH0_KEYWORD_REPLACE_MAPPINGS.

#include "FuzzInput.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantFiles.h"
#include "core/tenant/DemoSeeder.h"
#include "tests/support/TempTenant.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace {

TempTenant *demo = nullptr;
QTemporaryDir *files = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzInput::startQt(argc, argv);
    demo = new TempTenant(StoreEngine::sqlite());
    files = new QTemporaryDir;
    DemoSeeder seeder(demo->tenant());
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    if (!demo->isValid() || !files->isValid() || !finished.wait(30000)
        || !finished.first().first().toString().isEmpty()) {
        fprintf(stderr, "FuzzTenantImport: the demo tenant could not be made\n");
        abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QJsonObject keywords {
        {QStringLiteral("DOMAIN"), QStringLiteral("app.example.com")},
        {QStringLiteral("NAME"), QStringLiteral("Web Shop")},
        {QStringLiteral("ORIGINS"), QJsonArray {QStringLiteral("https://a.example.com")}},
        {QStringLiteral("ENABLED"), true}};
    const QString path = files->filePath(QStringLiteral("tenant.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
        abort();
    file.close();
    const auto read = TenantFiles::read(path, keywords);
    if (!read)
        return 0;
    for (bool allowDelete : {false, true}) {
        const auto plan = ImportPlan::make(demo->tenant(), read.value(), {allowDelete});
        if (plan) {
            (void)plan.value().describe();
            (void)plan.value().summary();
        }
    }
    return 0;
}
