// A tenant file as the app opens it: the bytes are written to a new file, opened with Tenant::open() (the
// SQLite file, its schema version and migrations, the settings, the services), and once open everything in
// it is read as an export does (TenantExporter::collect). Damaged or hand-edited files must be refused with
// an error, never crash. Input: the file's bytes (seeds: real tenant files).

#include "FuzzInput.h"
#include "core/exchange/TenantExporter.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzInput::startQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("tenant.authdeck"));
    QFile file(path);
    if (!folder.isValid() || !file.open(QIODevice::WriteOnly)
        || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
        abort();
    file.close();
    MemorySecretStore secrets;
    auto opened = Tenant::open(path, secrets);
    if (opened)
        (void)TenantExporter::collect(*opened.value());
    return 0;
}
