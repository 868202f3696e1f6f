#include "ExchangeFixture.h"

#include "core/exchange/TenantExporter.h"
#include "core/tenant/DemoSeeder.h"

#include <QSignalSpy>

QString ExchangeFixture::seed()
{
    if (!m_tenant.isValid())
        return m_tenant.error();
    DemoSeeder seeder(tenant());
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    if (!finished.wait(10000))
        return QStringLiteral("the demo seeder never finished");
    return finished.first().first().toString();
}

QJsonObject ExchangeFixture::exported()
{
    auto assets = TenantExporter::collect(tenant());
    return assets ? assets.value() : QJsonObject();
}

QString ExchangeFixture::write(const QJsonObject &document, TenantFiles::Format format)
{
    const QString folder = m_files.filePath(QString::number(++m_written));
    auto written = TenantFiles::write(document, folder, format);
    if (!written) {
        qWarning("%s", qPrintable(written.error().message()));
        return {};
    }
    return folder;
}

Result<ImportPlan> ExchangeFixture::plan(const QString &path, const ImportPlan::Options &options)
{
    auto files = TenantFiles::read(path);
    if (!files)
        return files.error();
    return ImportPlan::make(tenant(), files.value(), options);
}
