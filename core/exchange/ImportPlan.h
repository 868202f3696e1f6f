#pragma once

#include "core/common/Result.h"
#include "core/exchange/TenantFiles.h"
#include "core/mfa/MfaPolicy.h"
#include "core/model/PhoneFactorSettings.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Tenant;

/// One field of a resource that an import changes.
struct FieldChange
{
    QString field; ///< e.g. "callbacks"
    QJsonValue before; ///< undefined for a resource created
    QJsonValue after; ///< undefined for a resource deleted
};

/// One resource an import creates, changes or deletes, field by field.
struct ResourceChange
{
    enum class Kind
    {
        Create,
        Change,
        Delete,
    };
    Kind kind = Kind::Change;
    QString type; ///< a resource type of TenantFiles::resourceTypes(), e.g. "clients"
    QString name; ///< the record's name (a trigger id for triggers; the type again for the Guardian settings)
    QList<FieldChange> fields;
};

/**
 * @brief What importing a tenant file would do, checked whole before anything is written: the dry run
 *        of `authdeck-cli import --dry-run` and of File > Import Tenant.
 *
 * make() validates every record of every resource type with the same rules as the pages and the
 * Management API (names, URLs, triggers, runtimes, dependencies, secret names, templates, factors,
 * providers and policies), refuses unknown keys and wrong types naming the file and line, and compares
 * the result with the tenant: records are matched by name, a field changes when the file gives it another
 * value. As with deploy-cli, what the file leaves out is kept (a field, or a resource type), and records
 * missing from the file are deleted only with allowDelete. Resource types that deploy-cli knows but
 * Authdeck does not hold (connections, rules, …) and client fields it does not keep are listed in notes().
 */
class ImportPlan
{
public:
    struct Options
    {
        bool allowDelete
            = false; ///< delete the clients and actions the file does not list (AUTH0_ALLOW_DELETE)
    };

    static Result<ImportPlan> make(Tenant &tenant, const TenantFiles &files, const Options &options);

    const QList<ResourceChange> &changes() const { return m_changes; }
    /// What the import leaves alone, and why, one sentence each.
    const QStringList &notes() const { return m_notes; }
    bool isEmpty() const { return m_changes.isEmpty(); }
    /// The changes as text, one resource per line and its fields below it, e.g.
    /// "+ clients  Web Shop" / "~ clients  Web Shop" / "    callbacks: [...] → [...]" / "- actions  Old".
    QString describe() const;
    /// "2 to create, 1 to change, 0 to delete".
    QString summary() const;
    /// The assets read from the file (with each action's code), as the importer applies them.
    const QJsonObject &wanted() const { return m_wanted; }
    /// The Phone Message factor the import saves; nothing when it stays as it is.
    const std::optional<PhoneFactorSettings> &phoneFactor() const { return m_phoneFactor; }
    /// The MFA policy the import sets; nothing when it stays as it is.
    const std::optional<MfaPolicy> &policy() const { return m_policy; }

private:
    Result<void> checkClients(Tenant &tenant, const TenantFiles &files, const Options &options);
    Result<void> checkActions(const TenantFiles &files, const Options &options);
    Result<void> checkTriggers(Tenant &tenant, const TenantFiles &files);
    Result<void> checkGuardian(Tenant &tenant, const TenantFiles &files);
    /// Compares the records of @p type by name, over the fields @p held; records missing from the file
    /// are deletions with @p allowDelete.
    void compare(const QString &type,
                 const QJsonArray &current,
                 const QJsonArray &wanted,
                 const QStringList &held,
                 bool allowDelete);

    QJsonObject m_current;
    QJsonObject m_wanted;
    QList<ResourceChange> m_changes;
    QStringList m_notes;
    std::optional<PhoneFactorSettings> m_phoneFactor;
    std::optional<MfaPolicy> m_policy;
};
