#pragma once

#include "core/common/Result.h"
#include "core/model/Binding.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

class FlowActions;
class LogStore;

/// What the Login flow's actions asked for, as the login engine applies it.
struct PostLoginOutcome
{
    QString error; ///< the first action that failed, and why; empty when every action returned
    QString denied; ///< api.access.deny(reason): the reason; empty when no action denied the login
    bool mfaRequired = false; ///< api.multifactor.enable() was called
    QJsonObject idTokenClaims; ///< api.idToken.setCustomClaim(name, value), by name
    QJsonObject accessTokenClaims; ///< api.accessToken.setCustomClaim(name, value), by name
    /// api calls the engine does not act on (e.g. "user.setUserMetadata"), once each.
    QStringList ignored;
};

/**
 * @brief Runs the Login flow (Auth0's post-login trigger) for one login: each bound custom action's
 *        deployed version in order, on Node.js, with the post-login event; stops at the first failure.
 *
 * Asynchronous: run() starts and returns; actionFinished() follows each action, finished() comes once. The
 * api calls the actions made are folded into a PostLoginOutcome; an action that fails is logged as
 * actions_execution_failed. Owned by the caller (@p parent).
 */
class PostLoginFlow : public QObject
{
    Q_OBJECT

public:
    /// @param actions starts each bound action; @p logs records the failures. Neither is owned.
    PostLoginFlow(const FlowActions &actions, LogStore &logs, QObject *parent = nullptr);

    /**
     * @brief Runs @p bindings (the Login flow as FlowService::bindings() read it) with @p event, on the
     *        next turn of the event loop. A flow that could not be read fails: its rules are not skipped.
     */
    void run(const Result<QList<Binding>> &bindings, const QJsonObject &event);

Q_SIGNALS:
    /// Action @p name ended: @p error empty when it returned; @p console its console lines.
    void actionFinished(const QString &name, const QString &error, const QStringList &console);
    void finished(const PostLoginOutcome &outcome);

private:
    void runNext();
    void apply(const QJsonArray &commands);
    /// Logs actions_execution_failed for the action at @p index.
    void logFailure(int index, const QString &error);

    const FlowActions &m_actions;
    LogStore &m_logs;
    QJsonObject m_event;
    QStringList m_ids;
    QStringList m_names;
    int m_next = 0;
    PostLoginOutcome m_outcome;
};
