#include "ExchangeCommands.h"

#include "app/authdeck-cli/CliOutput.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace ExchangeCommands {

int exportTenant(Tenant &tenant, const QString &format, const QString &output)
{
    const auto chosen = TenantFiles::formatNamed(format);
    if (!chosen)
        return Cli::fail(QObject::tr("--format wants yaml or directory, not %1").arg(format), Cli::Usage);
    if (output.isEmpty())
        return Cli::fail(QObject::tr("export needs --output <folder>"), Cli::Usage);
    auto assets = TenantExporter::collect(tenant);
    if (!assets)
        return Cli::fail(assets.error().message());
    auto written = TenantFiles::write(assets.value(), output, *chosen);
    if (!written)
        return Cli::fail(written.error().message());
    for (const QString &file : written.value())
        Cli::say(QDir(output).filePath(file));
    return Cli::Ok;
}

int importTenant(QCoreApplication &app, Tenant &tenant, const ImportRequest &request)
{
    if (request.input.isEmpty())
        return Cli::fail(QObject::tr("import needs --input <file or folder>"), Cli::Usage);
    QJsonObject keywords;
    if (!request.keywords.trimmed().isEmpty()) {
        QJsonParseError failure;
        const QJsonDocument parsed = QJsonDocument::fromJson(request.keywords, &failure);
        if (!parsed.isObject())
            return Cli::fail(QObject::tr("The keyword mappings must be a JSON object: %1")
                                 .arg(failure.error == QJsonParseError::NoError
                                          ? QObject::tr("it is not an object")
                                          : failure.errorString()),
                             Cli::Usage);
        keywords = parsed.object();
    }
    auto files = TenantFiles::read(request.input, keywords);
    if (!files)
        return Cli::fail(files.error().message());
    auto plan = ImportPlan::make(tenant, files.value(), {request.allowDelete});
    if (!plan)
        return Cli::fail(plan.error().message());
    for (const QString &note : plan.value().notes())
        Cli::say(QObject::tr("note: %1").arg(note));
    if (!plan.value().isEmpty())
        Cli::say(plan.value().describe());
    Cli::say(plan.value().summary());
    if (request.dryRun || plan.value().isEmpty())
        return Cli::Ok;
    TenantImporter importer(tenant);
    int status = Cli::Ok;
    QObject::connect(&importer, &TenantImporter::progress, &app, [](const QString &step) { Cli::say(step); });
    QObject::connect(&importer, &TenantImporter::finished, &app, [&status](const QString &error) {
        if (!error.isEmpty())
            status = Cli::fail(QObject::tr("Nothing was imported: %1").arg(error));
        else
            Cli::say(QObject::tr("Imported."));
        QCoreApplication::exit(status);
    });
    importer.apply(plan.value());
    app.exec();
    return status;
}

} // namespace ExchangeCommands
