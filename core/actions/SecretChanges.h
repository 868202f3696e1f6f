#pragma once

#include "core/common/Result.h"
#include "core/secrets/SecretJob.h"
#include "core/store/SecretJournalRepository.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class Database;
class SecretStore;

/**
 * @brief Writes and removals of several secrets, applied one after another, that can be undone together.
 *
 * The secret store has no transactions; this gives the services one. Before changing a key, apply()
 * reads its current value (unless the keys are known to be new), so that undo() can put it back. A key
 * that is not there counts as empty, and removing it succeeds.
 *
 * Before the first key is touched, apply() notes every key in the tenant's secret journal; the service
 * settles them with settle() inside the transaction that writes their record, and undo() settles them once
 * the keys are back. A crash in between leaves the journal rows that SecretRecovery repairs at the next open.
 * Inside a held transaction the rows go with it when it rolls back: the holder notes its secrets beforehand
 * (TenantImporter::noteSecrets()).
 */
class SecretChanges : public QObject
{
    Q_OBJECT

public:
    /// One change: the new value of @c key, or no value to remove it; @c name is the secret's name in its
    /// owner.
    struct Change
    {
        QString key;
        std::optional<QByteArray> value;
        QString name;
    };
    /// The record that keeps the secrets' names (SecretJournalEntry::ownerKind and ownerId).
    struct Owner
    {
        QString kind;
        QString id;
    };
    /// Whether apply() must read the values it replaces, or knows the keys are unused (a new object).
    enum class Previous
    {
        Read,
        Absent
    };
    /// The step that failed, as its job reported it (or the tenant's database, when @c inTenant).
    struct Failure
    {
        QString key;
        SecretJob::Operation operation = SecretJob::Operation::Write;
        SecretJob::Status status = SecretJob::Status::Failed;
        QString errorString;
        bool inTenant = false; ///< the journal could not be written: no key was touched
    };

    SecretChanges(SecretStore &store,
                  Database &database,
                  Owner owner,
                  QList<Change> changes,
                  Previous previous,
                  QObject *parent);

    /**
     * @brief Applies the changes in order, then calls @p done with no failure.
     *
     * On the first failure, the keys changed so far (and the failing one) get their previous values
     * back, then @p done is called with what failed. @p done is called once, from the event loop.
     */
    void apply(std::function<void(const std::optional<Failure> &)> done);
    /// Puts back the values the applied keys had before apply(), then calls @p done.
    void undo(std::function<void()> done);
    /**
     * @brief Removes the journal rows of the applied changes: call it inside the transaction that writes
     * their record, so that the record and the end of the change are one.
     */
    [[nodiscard]] Result<void> settle();

private:
    void step();
    void undoStep();

    QStringList keys() const;

    SecretStore &m_store;
    SecretJournalRepository m_journal;
    Owner m_owner;
    QList<Change> m_changes;
    Previous m_previous;
    QList<std::optional<QByteArray>> m_before; ///< the value of each key before it was changed
    int m_next = 0; ///< the change to apply (or undo) next
    QString m_change; ///< this apply()'s name in the journal
    bool m_undoFailed = false; ///< a key could not be put back: its journal row stays for the next open
    bool m_readDone = false; ///< the value before change m_next is known
    std::function<void(const std::optional<Failure> &)> m_applied;
    std::function<void()> m_undone;
};
