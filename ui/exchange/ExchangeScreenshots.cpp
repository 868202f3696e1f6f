#include "ExchangeScreenshots.h"

#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantFiles.h"
#include "ui/exchange/ExportDialog.h"
#include "ui/exchange/ImportDialog.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>

namespace {

/// The records of @p type in @p document, each passed to @p edit; a record @p edit empties is dropped.
void editRecords(QJsonObject &document, const QString &type, const std::function<void(QJsonObject &)> &edit)
{
    QJsonArray records;
    for (const QJsonValue &value : document.value(type).toArray()) {
        QJsonObject record = value.toObject();
        edit(record);
        if (!record.isEmpty())
            records.append(record);
    }
    document.insert(type, records);
}

/// The tenant as a teammate might have changed it in Git: a new application, new URLs, a code change, an
/// application dropped, and resource types Authdeck does not hold.
QJsonObject edited(QJsonObject document)
{
    editRecords(document, QStringLiteral("clients"), [](QJsonObject &client) {
        const QString name = client.value(QLatin1String("name")).toString();
        if (name == QLatin1String("Customer Portal")) {
            client.insert(QStringLiteral("callbacks"),
                          QJsonArray {QStringLiteral("https://portal.example.com/callback")});
            client.insert(QStringLiteral("allowed_logout_urls"),
                          QJsonArray {QStringLiteral("https://portal.example.com")});
        } else if (name == QLatin1String("Field Agent (iOS)")) {
            client = {};
        }
    });
    QJsonArray clients = document.value(QLatin1String("clients")).toArray();
    clients.append(QJsonObject {
        {QStringLiteral("name"), QStringLiteral("Partner Dashboard")},
        {QStringLiteral("app_type"), QStringLiteral("spa")},
        {QStringLiteral("callbacks"), QJsonArray {QStringLiteral("https://partners.example.com/callback")}},
        {QStringLiteral("web_origins"), QJsonArray {QStringLiteral("https://partners.example.com")}}});
    document.insert(QStringLiteral("clients"), clients);
    editRecords(document, QStringLiteral("actions"), [](QJsonObject &action) {
        const QString code = action.value(QLatin1String("code")).toString();
        if (code.contains(QLatin1String("Plivo")))
            action.insert(QStringLiteral("code"),
                          QString(code).replace(QStringLiteral("// Next: retry once"),
                                                QStringLiteral("// Retried once by the caller")));
    });
    document.insert(QStringLiteral("connections"), QJsonArray {});
    document.insert(QStringLiteral("rules"), QJsonArray {});
    return document;
}

} // namespace

namespace ExchangeScreenshots {

QString render(Tenant &tenant, QWidget *parent, const Save &save)
{
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return QObject::tr("No scratch folder for the export and import dialogs.");
    // The export remembers its folder (a scratch one here): the admin's choice is put back afterwards.
    QSettings settings;
    settings.beginGroup(QStringLiteral("exchange"));
    QVariantHash remembered;
    for (const QString &key : settings.childKeys())
        remembered.insert(key, settings.value(key));
    const auto restore = qScopeGuard([&settings, remembered] {
        settings.remove(QString());
        for (auto it = remembered.begin(); it != remembered.end(); ++it)
            settings.setValue(it.key(), it.value());
    });
    {
        ExportDialog dialog(tenant, parent);
        dialog.setFolder(QDir::home().filePath(QStringLiteral("auth0-tenant")));
        dialog.show();
        save(&dialog, QStringLiteral("export-tenant-dialog"));
        dialog.setFolder(scratch.filePath(QStringLiteral("export")));
        if (!dialog.exportTenant())
            return QObject::tr("The export dialog wrote nothing.");
        save(&dialog, QStringLiteral("export-tenant-dialog-written"));
    }
    auto assets = TenantExporter::collect(tenant);
    if (!assets)
        return assets.error().message();
    const QString folder = scratch.filePath(QStringLiteral("import"));
    if (auto written = TenantFiles::write(edited(assets.value()), folder, TenantFiles::Format::Yaml);
        !written)
        return written.error().message();
    {
        ImportDialog dialog(tenant, parent);
        dialog.show();
        dialog.setSource(QDir(folder).filePath(QStringLiteral("tenant.yaml")));
        if (auto *allow = dialog.findChild<QCheckBox *>(QStringLiteral("allowDeleteCheck")))
            allow->setChecked(true);
        if (!dialog.plan() || dialog.plan()->isEmpty())
            return QObject::tr("The import dialog shows no changes.");
        save(&dialog, QStringLiteral("import-tenant-dialog"));
        QFile refused(QDir(folder).filePath(QStringLiteral("refused.yaml")));
        if (!refused.open(QIODevice::WriteOnly)
            || refused.write("clients:\n  - name: Web Shop\n    app_type: spa\n    colour: blue\n") < 0)
            return refused.errorString();
        refused.close();
        dialog.setSource(refused.fileName());
        save(&dialog, QStringLiteral("import-tenant-dialog-refused"));
    }
    return {};
}

} // namespace ExchangeScreenshots
