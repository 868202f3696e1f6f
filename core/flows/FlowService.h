#pragma once

#include "core/common/Result.h"
#include "core/flows/ActionRef.h"
#include "core/model/Binding.h"
#include "core/store/FlowRepository.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

class CustomActionService;
class Database;
class IntegrationService;
struct CustomAction;
struct Integration;

/**
 * @brief Reads and applies the flows of the triggers: which actions run, in which order.
 *
 * A flow is written whole, like Auth0's PATCH /actions/triggers/{id}/bindings: apply() validates the new
 * list, replaces the stored one in one transaction and announces it with flowApplied(). Editing happens
 * on a FlowDraft. Uninstalling an integration or deleting a custom action takes it out of every flow in the
 * same transaction (their services do it through the store); the flow service hears of it from their
 * signals and emits flowApplied() for each flow that changed.
 */
class FlowService : public QObject
{
    Q_OBJECT

public:
    /// The flows bind the installed integrations of @p integrations and the deployed custom actions of
    /// @p customActions; neither is owned, both must outlive the service.
    FlowService(Database &database,
                IntegrationService &integrations,
                CustomActionService &customActions,
                QObject *parent = nullptr);

    /// The applied bindings of @p triggerId in execution order.
    Result<QList<Binding>> bindings(const QString &triggerId) const;
    /// How many bindings each trigger has (all triggers present, 0 when empty).
    Result<QHash<QString, int>> counts() const;

    /**
     * @brief The actions that may be bound to @p triggerId now: the installed integrations for that
     *        trigger, by name, then its deployed custom actions, by name. Empty when they cannot be read.
     */
    QList<ActionRef> availableActions(const QString &triggerId) const;
    /**
     * @brief What @p binding refers to now (name, complete/available marks), for the cards.
     *
     * An action that is gone (uninstalled, deleted, or a custom action never deployed) comes back with
     * available and complete false, the binding's display name and the reason in problem; so does one
     * that belongs to another trigger.
     */
    ActionRef describe(const QString &triggerId, const Binding &binding) const;

    /**
     * @brief Why @p binding cannot be added to @p current for @p triggerId, or nothing.
     *
     * Refused: an unknown trigger, an integration that is not installed, a custom action that does not
     * exist or was never deployed, one that runs in another trigger, and an action already in @p current.
     */
    std::optional<QString>
    checkInsert(const QString &triggerId, const QList<Binding> &current, const Binding &binding) const;

    /**
     * @brief Replaces the whole list for @p triggerId in ONE transaction.
     *
     * Validated first, binding by binding as checkInsert() (no duplicates, right trigger, actions exist):
     * an Invalid error names the first binding refused. Nothing changes on failure. Emits
     * flowApplied(@p triggerId) on success.
     */
    Result<void> apply(const QString &triggerId, const QList<Binding> &bindings);

    /// How many flows bind action @p actionId (0 when it cannot be read).
    int bindingCount(const QString &actionId) const;

    /// Another Authdeck on the tenant applied a flow (Tenant hears it from ChangeFeed): changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// The flow of @p triggerId was replaced (by apply() or by an uninstall).
    void flowApplied(const QString &triggerId);
    /**
     * @brief A flow was applied by another Authdeck on the tenant (which one is not known): what shows a
     *        flow reads it again. Not flowApplied(), which the audit log records: the change was logged where
     *        it was made.
     */
    void changedElsewhere();

private:
    ActionRef refFor(const Integration &integration) const;
    ActionRef refFor(const CustomAction &action) const;
    ActionRef describeCustom(const QString &triggerId, const Binding &binding) const;
    std::optional<QString> checkCustom(const QString &triggerId, const Binding &binding) const;
    std::optional<QString> checkIntegration(const QString &triggerId, const Binding &binding) const;
    /// An action went, and its services took it out of @p flowsChanged: announce them.
    void onActionRemoved(const QString &id, const QStringList &flowsChanged);

    Database &m_database;
    IntegrationService &m_integrations;
    CustomActionService &m_customActions;
    FlowRepository m_repository;
};
