#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

/// A change of one secret under way: the keyring may hold it while its record does not, or the reverse.
struct SecretJournalEntry
{
    enum class Operation
    {
        Write,
        Remove
    };

    QString key; ///< the secret's key in the secret store
    QString ownerKind; ///< what keeps its name: "application", "integration" or "custom_action"
    QString ownerId; ///< the client ID, integration ID or action ID
    QString name; ///< the secret's name in its owner's record
    Operation operation = Operation::Write;
    QString writer; ///< the process making the change (ProcessIdentity::current())
    QDateTime startedAt;
    QString change; ///< which change noted the row (newChange()): only that change settles it
};

/**
 * @brief The SQL for the secrets whose change is under way (table secret_journal).
 *
 * A service records its keys before it touches the keyring and settles them in the transaction that writes
 * their record, so that a row outliving its writer marks exactly the secrets a crash may have left in
 * disagreement with the tenant.
 */
class SecretJournalRepository
{
    Q_DECLARE_TR_FUNCTIONS(SecretJournalRepository)

public:
    explicit SecretJournalRepository(Database &database);

    /// A new name for a change, for SecretJournalEntry::change.
    static QString newChange();

    /// Records @p entries, replacing the rows of their keys, in one transaction.
    Result<void> record(const QList<SecretJournalEntry> &entries);
    /// Removes the rows of @p keys that @p change noted (those missing, or noted since by another change,
    /// stay).
    Result<void> settle(const QStringList &keys, const QString &change);
    /// Every row, oldest first.
    Result<QList<SecretJournalEntry>> list() const;

private:
    Database &m_database;
};
