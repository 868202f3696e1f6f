#pragma once

#include "core/model/CustomAction.h"
#include "core/runtime/ScriptOutcome.h"
#include "core/runtime/ScriptRequest.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

class CustomActionJob;
class DependencyInstallJob;
class ActionRuntime;
class CustomActionService;

/**
 * @brief Runs the deployed version of one custom action inside a flow: reads its secrets, installs its
 *        npm dependencies (cached), then runs it on the tenant's ActionRuntime with the trigger's event.
 *
 * Owned by the flow run that starts it (@p parent); reports once through @p done: an empty error when the
 * handler returned, else why it did not run or what it threw ("TypeError: …"), with the run's outcome
 * (console lines, duration) when it ran. Nothing is reported when the parent goes first.
 */
class CustomActionStep : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString &error, const ScriptOutcome &outcome)>;

    /// Starts running action @p actionId (shown as @p name) of trigger @p triggerId with @p event: its
    /// deployed version and secrets from @p actions, run on @p runtime. Neither is owned; both must outlive
    /// the step's parent.
    static void start(CustomActionService &actions,
                      ActionRuntime &runtime,
                      const QString &actionId,
                      const QString &name,
                      const QString &triggerId,
                      const QJsonObject &event,
                      QObject *parent,
                      Done done);

private:
    CustomActionStep(CustomActionService &actions,
                     ActionRuntime &runtime,
                     QString actionId,
                     QString name,
                     QObject *parent,
                     Done done);
    void run(const QString &triggerId, const QJsonObject &event);
    void secretsRead(CustomActionJob *job);
    void dependenciesInstalled(DependencyInstallJob *job);
    void finish(const QString &error, const ScriptOutcome &outcome = {});

    CustomActionService &m_actions;
    ActionRuntime &m_runtime;
    QString m_actionId;
    QString m_name;
    Done m_done;
    ScriptRequest m_request; ///< the run, completed step by step
    QList<ActionDependency> m_dependencies;
};
