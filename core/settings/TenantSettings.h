#pragma once

#include "core/common/Result.h"
#include "core/store/SettingsRepository.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

/**
 * @brief The tenant's own settings: its id, friendly name, domain and environment tag.
 */
class TenantSettings : public QObject
{
    Q_OBJECT

public:
    /// What the admin can change.
    struct Values
    {
        QString friendlyName;
        /// Base URL of the tenant's login server, e.g. http://localhost:4000
        QString domain;
        /// development, staging or production
        QString environment;
        /// How many days log events are kept (LogStore::setRetentionDays()), 1 to MaxLogRetentionDays.
        int logRetentionDays = DefaultLogRetentionDays;

        bool operator==(const Values &other) const
        {
            return friendlyName == other.friendlyName && domain == other.domain
                && environment == other.environment && logRetentionDays == other.logRetentionDays;
        }
    };

    /// Every rule the values break, by field; empty when valid.
    struct Validation
    {
        QString friendlyName;
        QString domain;
        QString environment;
        QString logRetention;

        bool isValid() const
        {
            return friendlyName.isEmpty() && domain.isEmpty() && environment.isEmpty()
                && logRetention.isEmpty();
        }
    };

    static constexpr int MaxFriendlyNameLength = 255;
    static constexpr int DefaultLogRetentionDays = 30;
    static constexpr int MaxLogRetentionDays = 365;

    /// Loads the settings, writing defaults for any missing (a new tenant gets a fresh id).
    static Result<std::unique_ptr<TenantSettings>> load(Database &database);

    QString tenantId() const { return m_tenantId; }
    const Values &values() const { return m_values; }
    QString friendlyName() const { return m_values.friendlyName; }
    QString domain() const { return m_values.domain; }
    QString environment() const { return m_values.environment; }
    int logRetentionDays() const { return m_values.logRetentionDays; }

    static Values defaults();
    static Validation validate(const Values &values);
    static QStringList environments();
    static QString environmentLabel(const QString &environment);

    /// Validates and stores @p values; emits saved() and changed() when anything differs.
    Result<void> save(const Values &values);
    /// Reads the settings again (another Authdeck on the tenant saved them); emits changed() when they
    /// differ.
    Result<void> reload();

Q_SIGNALS:
    /// The settings differ from before: saved here or read again after a save elsewhere.
    void changed();
    /// save() stored different settings (what the audit log records).
    void saved();

private:
    explicit TenantSettings(Database &database);
    /// The values in @p stored (the repository's keys), with the defaults' retention where it is not valid.
    static Values valuesOf(const QHash<QString, QString> &stored);

    SettingsRepository m_repository;
    QString m_tenantId;
    Values m_values;
};
