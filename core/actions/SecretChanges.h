#pragma once

#include "core/secrets/SecretJob.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class SecretStore;

/**
 * @brief Writes and removals of several secrets, applied one after another, that can be undone together.
 *
 * The secret store has no transactions; this gives the services one. Before changing a key, apply()
 * reads its current value (unless the keys are known to be new), so that undo() can put it back. A key
 * that is not there counts as empty, and removing it succeeds.
 */
class SecretChanges : public QObject
{
    Q_OBJECT

public:
    /// One change: the new value of @c key, or no value to remove it.
    struct Change
    {
        QString key;
        std::optional<QByteArray> value;
    };
    /// Whether apply() must read the values it replaces, or knows the keys are unused (a new object).
    enum class Previous
    {
        Read,
        Absent
    };
    /// The step that failed, as its job reported it.
    struct Failure
    {
        QString key;
        SecretJob::Operation operation = SecretJob::Operation::Write;
        SecretJob::Status status = SecretJob::Status::Failed;
        QString errorString;
    };

    SecretChanges(SecretStore &store, QList<Change> changes, Previous previous, QObject *parent);

    /**
     * @brief Applies the changes in order, then calls @p done with no failure.
     *
     * On the first failure, the keys changed so far (and the failing one) get their previous values
     * back, then @p done is called with what failed. @p done is called once, from the event loop.
     */
    void apply(std::function<void(const std::optional<Failure> &)> done);
    /// Puts back the values the applied keys had before apply(), then calls @p done.
    void undo(std::function<void()> done);

private:
    void step();
    void undoStep();

    SecretStore &m_store;
    QList<Change> m_changes;
    Previous m_previous;
    QList<std::optional<QByteArray>> m_before; ///< the value of each key before it was changed
    int m_next = 0; ///< the change to apply (or undo) next
    bool m_readDone = false; ///< the value before change m_next is known
    std::function<void(const std::optional<Failure> &)> m_applied;
    std::function<void()> m_undone;
};
