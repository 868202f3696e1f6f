#pragma once

#include "core/exchange/ImportPlan.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class Tenant;
class CustomActionJob;

/**
 * @brief Applies an ImportPlan to the tenant: all of it or nothing.
 *
 * Everything is written through the tenant's services (the same rules, logs and live refresh as the
 * pages) inside one held database transaction, in this order: clients; actions (created, their drafts
 * saved, then deployed where the file says deployed: true and the draft is not deployed yet, each deploy
 * checking the code's syntax and installing its npm dependencies); the flows (bindings named by action);
 * the Phone Message factor and the policy; the secret values the file sets; the deletions. A failure at
 * any step rolls the transaction back and removes the secrets written for actions the import created;
 * finished() names the step. Secret values are written last so that a database failure never leaves a
 * secret of a rolled-back action behind; deletions come after them because removing an action removes
 * its secrets from the secret store, which a rollback cannot bring back.
 */
class TenantImporter : public QObject
{
    Q_OBJECT

public:
    explicit TenantImporter(Tenant &tenant, QObject *parent = nullptr);
    ~TenantImporter() override;

    /// Starts applying @p plan (made for this tenant, and nothing changed since); finished() follows.
    void apply(const ImportPlan &plan);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// One step is about to run, e.g. "Deploying action Notify".
    void progress(const QString &step);
    /// Done: @p error is empty when everything was applied and committed.
    void finished(const QString &error);

private:
    using Step = std::function<void()>;

    void next();
    void fail(const QString &error);
    /// Waits for @p job: its end runs the next steps, or fails naming @p doing.
    void await(CustomActionJob *job, const QString &doing);
    QList<Step> clientSteps(const ImportPlan &plan);
    QList<Step> actionSteps(const ImportPlan &plan);
    QList<Step> flowSteps(const ImportPlan &plan);
    QList<Step> guardianSteps(const ImportPlan &plan);
    QList<Step> secretSteps(const ImportPlan &plan);
    /// One secret value the plan sets.
    struct PlannedSecret
    {
        QString action;
        QString name;
        QByteArray value;
    };
    static QList<PlannedSecret> plannedSecrets(const ImportPlan &plan);
    /**
     * @brief Notes every secret the import will write in the secret journal, before the import's transaction
     *        begins (choosing the IDs of the actions it creates), so that a crash mid-import leaves rows that
     *        SecretRecovery repairs; each write settles its row inside the transaction, so a commit settles
     * all.
     */
    Result<void> noteSecrets(const ImportPlan &plan);
    /// After a failure: once the secrets of the actions it created are removed again, settles their rows.
    void removeNewActionSecrets();
    QList<Step> deleteSteps(const ImportPlan &plan);
    /// Runs @p work as a step: its error fails the import naming @p doing.
    Step sync(const QString &doing, std::function<Result<void>()> work);

    Tenant &m_tenant;
    struct Held;
    std::unique_ptr<Held> m_held;
    QList<Step> m_steps;
    QHash<QString, QString> m_newActionIds; ///< the IDs chosen for the actions created with secrets, by name
    QStringList m_newActionSecrets; ///< the keys of their secrets: removed again on a failure
    QString m_change; ///< the import's name in the secret journal
    QHash<QString, QString> m_clientIds; ///< the tenant's applications by name, when the import started
    bool m_running = false;
    bool m_waiting = false; ///< a step waits for a job, whose end calls next()
};
