#pragma once

#include "core/common/Result.h"
#include "core/model/CustomAction.h"

#include <QCoreApplication>
#include <QList>

class Database;

/**
 * @brief The SQL for custom actions and their versions. Callers validate; this class only reads and writes.
 *
 * Dependencies are kept as a JSON array of {name, version}, secrets as a JSON array of {name, updated_at};
 * secret values never reach this class. Version rows are inserted, never updated.
 */
class CustomActionRepository
{
    Q_DECLARE_TR_FUNCTIONS(CustomActionRepository)

public:
    explicit CustomActionRepository(Database &database);

    /// The actions of trigger @p triggerId (all when empty), sorted by name ignoring case, then id.
    Result<QList<CustomAction>> list(const QString &triggerId = {}) const;
    Result<CustomAction> find(const QString &id) const;
    /// Whether an action other than @p exceptId is named @p name, ignoring case.
    Result<bool> nameTaken(const QString &name, const QString &exceptId = {}) const;

    Result<void> insert(const CustomAction &action);
    /**
     * @brief Writes the name and draft (code, dependencies, runtime, updatedAt) of @p action if its revision
     *        is still the stored one, and bumps the revision.
     * @return Conflict when the row changed since @p action was read; NotFound when it is gone.
     */
    Result<void> updateDraft(const CustomAction &action);
    /// Replaces the list of secrets set of action @p id, without touching its draft or revision.
    Result<void>
    updateSecrets(const QString &id, const QList<ActionSecret> &secrets, const QDateTime &updatedAt);
    /// Removes action @p id and its versions.
    Result<void> remove(const QString &id);

    /// The versions of action @p actionId, newest first.
    Result<QList<CustomActionVersion>> versions(const QString &actionId) const;
    Result<CustomActionVersion> version(const QString &actionId, int number) const;
    /// The highest version number of action @p actionId; 0 when it has none.
    Result<int> latestNumber(const QString &actionId) const;
    Result<void> insertVersion(const CustomActionVersion &version);
    /// Makes version @p number the one that runs (it must exist; not checked here).
    Result<void> setDeployedVersion(const QString &actionId, int number, const QDateTime &updatedAt);

private:
    Database &m_database;
};
