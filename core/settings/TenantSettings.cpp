#include "TenantSettings.h"

#include <QUrl>
#include <QUuid>

#include <memory>

namespace {

const QString kTenantId = QStringLiteral("tenant_id");
const QString kFriendlyName = QStringLiteral("friendly_name");
const QString kDomain = QStringLiteral("domain");
const QString kEnvironment = QStringLiteral("environment");
const QString kLogRetentionDays = QStringLiteral("log_retention_days");

QString userName()
{
    QString name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name;
}

QHash<QString, QString> toHash(const TenantSettings::Values &values)
{
    return {{kFriendlyName, values.friendlyName},
            {kDomain, values.domain},
            {kEnvironment, values.environment},
            {kLogRetentionDays, QString::number(values.logRetentionDays)}};
}

} // namespace

TenantSettings::TenantSettings(Database &database)
    : m_repository(database)
{ }

TenantSettings::Values TenantSettings::defaults()
{
    const QString user = userName();
    return {user.isEmpty() ? tr("My tenant") : tr("%1's tenant").arg(user),
            QStringLiteral("http://localhost:4000"),
            QStringLiteral("development")};
}

QStringList TenantSettings::environments()
{
    return {QStringLiteral("development"), QStringLiteral("staging"), QStringLiteral("production")};
}

QString TenantSettings::environmentLabel(const QString &environment)
{
    if (environment == QLatin1String("development"))
        return tr("Development");
    if (environment == QLatin1String("staging"))
        return tr("Staging");
    if (environment == QLatin1String("production"))
        return tr("Production");
    return environment;
}

Result<std::unique_ptr<TenantSettings>> TenantSettings::load(Database &database)
{
    std::unique_ptr<TenantSettings> settings(new TenantSettings(database));
    auto stored = settings->m_repository.all();
    if (!stored)
        return stored.error();
    QHash<QString, QString> values = stored.takeValue();

    QHash<QString, QString> missing;
    const Values fallback = defaults();
    const QHash<QString, QString> defaultValues = toHash(fallback);
    if (!values.contains(kTenantId))
        missing.insert(kTenantId, QUuid::createUuid().toString(QUuid::WithoutBraces));
    for (auto it = defaultValues.cbegin(); it != defaultValues.cend(); ++it) {
        if (!values.contains(it.key()))
            missing.insert(it.key(), it.value());
    }
    if (!missing.isEmpty()) {
        if (auto written = settings->m_repository.put(missing); !written)
            return written.error();
        values.insert(missing);
    }

    settings->m_tenantId = values.value(kTenantId);
    settings->m_values = valuesOf(values);
    return settings;
}

TenantSettings::Values TenantSettings::valuesOf(const QHash<QString, QString> &stored)
{
    Values values {stored.value(kFriendlyName), stored.value(kDomain), stored.value(kEnvironment)};
    bool numeric = false;
    const int days = stored.value(kLogRetentionDays).toInt(&numeric);
    if (numeric && days >= 1 && days <= MaxLogRetentionDays)
        values.logRetentionDays = days;
    return values;
}

Result<void> TenantSettings::reload()
{
    auto stored = m_repository.all();
    if (!stored)
        return stored.error();
    const Values values = valuesOf(stored.value());
    if (values == m_values)
        return {};
    m_values = values;
    Q_EMIT changed();
    return {};
}

TenantSettings::Validation TenantSettings::validate(const Values &values)
{
    Validation result;
    const QString name = values.friendlyName.trimmed();
    if (name.isEmpty())
        result.friendlyName = tr("The friendly name is required.");
    else if (name.size() > MaxFriendlyNameLength)
        result.friendlyName
            = tr("The friendly name can have at most %1 characters.").arg(MaxFriendlyNameLength);

    const QUrl url(values.domain.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (values.domain.trimmed().isEmpty())
        result.domain = tr("The domain is required, e.g. http://localhost:4000.");
    else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        result.domain = tr("The domain must be an http:// or https:// URL, e.g. http://localhost:4000.");
    else if (url.host().isEmpty())
        result.domain = tr("The domain needs a host name.");
    else if ((!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasQuery()
             || url.hasFragment() || !url.userInfo().isEmpty())
        result.domain = tr("The domain is a base URL only: scheme://host[:port], with no path or query.");

    if (!environments().contains(values.environment))
        result.environment = tr("Choose Development, Staging or Production.");
    if (values.logRetentionDays < 1 || values.logRetentionDays > MaxLogRetentionDays)
        result.logRetention = tr("Keep log events from 1 to %1 days.").arg(MaxLogRetentionDays);
    return result;
}

Result<void> TenantSettings::save(const Values &values)
{
    if (const Validation problems = validate(values); !problems.isValid()) {
        const QString message = !problems.friendlyName.isEmpty() ? problems.friendlyName
            : !problems.domain.isEmpty()                         ? problems.domain
            : !problems.environment.isEmpty()                    ? problems.environment
                                                                 : problems.logRetention;
        return Error(Error::Kind::Invalid, message);
    }
    Values normalized = values;
    normalized.friendlyName = values.friendlyName.trimmed();
    normalized.domain = values.domain.trimmed();
    if (normalized.domain.endsWith(QLatin1Char('/')))
        normalized.domain.chop(1);
    if (normalized == m_values)
        return {};
    if (auto written = m_repository.put(toHash(normalized)); !written)
        return written;
    m_values = normalized;
    Q_EMIT saved();
    Q_EMIT changed();
    return {};
}
