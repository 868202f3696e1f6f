#pragma once

#include "core/common/Result.h"
#include "core/model/Binding.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class FlowService;

/**
 * @brief The editing draft over one trigger's flow, separate from what is applied.
 *
 * Every operation is exactly invertible, so that undo commands can be built on top of it:
 * insert(i, b) is undone by remove(i), which hands back b; remove(i) by insert(i, b) with the binding it
 * returned; move(from, to) by move(to, from). An operation that is refused changes nothing and emits
 * nothing. After a change, the signal of the change comes first, then dirtyChanged() when the draft
 * started or stopped differing from what is applied.
 *
 * insert(i, b) can only be undone by remove(i) while nothing else changed the draft; remove(i) can be
 * undone only while its action is still installed (an uninstalled action cannot be put back).
 */
class FlowDraft : public QObject
{
    Q_OBJECT

public:
    /// A draft of the flow of @p triggerId, loaded with the applied list (see loadError()).
    FlowDraft(FlowService &service, QString triggerId, QObject *parent = nullptr);

    const QString &triggerId() const { return m_triggerId; }
    /// The draft's bindings, in execution order.
    const QList<Binding> &bindings() const { return m_bindings; }
    int count() const { return int(m_bindings.size()); }
    /// Whether the draft differs from what is applied.
    bool isDirty() const { return m_dirty; }
    /// Why the applied list could not be read at the last load (then the draft starts empty), or nothing.
    const std::optional<Error> &loadError() const { return m_loadError; }

    /// Why @p binding cannot be inserted (see FlowService::checkInsert()), or nothing.
    std::optional<QString> checkInsert(const Binding &binding) const;

    /**
     * @brief Inserts @p binding at @p index (0 … count()); emits inserted(@p index).
     * @return Invalid with the reason of checkInsert(), or when @p index is out of range
     */
    Result<void> insert(int index, const Binding &binding);
    /**
     * @brief Moves the binding at @p from so that it ends at index @p to; emits moved(@p from, @p to).
     *
     * Both must be in 0 … count() − 1 (Invalid otherwise); moving to the same index changes nothing and
     * emits nothing.
     */
    Result<void> move(int from, int to);
    /**
     * @brief Removes the binding at @p index and hands it back; emits removed(@p index).
     * @return the binding removed, or Invalid when @p index is out of range
     */
    Result<Binding> remove(int index);

    /**
     * @brief Applies the draft: FlowService::apply() with bindings().
     *
     * On success the draft is what is applied (emits applied(), and dirtyChanged(false) if it was
     * dirty); on failure the draft is kept as it is and nothing is applied.
     */
    Result<void> apply();
    /// Back to what is applied (read again); emits reset().
    void discard();
    /**
     * @brief The same as discard(), for when someone else applied the flow (FlowService::flowApplied()).
     *
     * Ignored while this draft's own apply() runs, so that connecting flowApplied() to reload() does not
     * reset the draft that is being applied.
     */
    void reload();

    /**
     * @brief Announces that action @p actionId changed outside the draft (edited, deployed, renamed):
     *        emits updated(i) for each binding of it, in order.
     *
     * The bindings themselves stay as they are, so nothing becomes dirty and undo commands stay exact.
     */
    void refreshAction(const QString &actionId);
    /**
     * @brief Takes every binding of action @p actionId out of the draft, for an action that is gone
     *        (uninstalled or deleted); emits removed(i) for each, from the last one.
     * @return how many bindings were taken out
     */
    int removeAction(const QString &actionId);

Q_SIGNALS:
    void inserted(int index);
    void removed(int index);
    void moved(int from, int to);
    /**
     * @brief What binding @p index refers to changed (see refreshAction()); the binding itself is the
     *        same. Whoever shows it describes it again (FlowService::describe()), in place.
     */
    void updated(int index);
    /// The whole list was replaced (discard() or reload()).
    void reset();
    void dirtyChanged(bool dirty);
    void applied();

private:
    void load();
    void updateDirty();

    FlowService &m_service;
    QString m_triggerId;
    QList<Binding> m_applied; ///< the applied list as last read
    QList<Binding> m_bindings;
    bool m_dirty = false;
    bool m_applying = false; ///< inside apply(): reload() has nothing to pick up
    std::optional<Error> m_loadError;
};
