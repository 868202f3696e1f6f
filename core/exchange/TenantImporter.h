#pragma once

#include "core/exchange/ImportPlan.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class Tenant;
class CustomActionJob;
class ImportSecrets;

/**
 * @brief Applies an ImportPlan to the tenant: all of it or nothing.
 *
 * Everything is written through the tenant's services (the same rules, logs and live refresh as the
 * pages) inside one held database transaction, in this order: clients; actions (created, their drafts
 * saved, then deployed where the file says deployed: true and the draft is not deployed yet, each deploy
 * checking the code's syntax and installing its npm dependencies); the flows (bindings named by action);
 * the Phone Message factor and the policy; the secret values the file sets; the deletions. A failure at
 * any step rolls the transaction back, and ImportSecrets puts the keyring back as it was: the secrets of
 * the actions the import created are removed, those it replaced or deleted get their old values again.
 * finished() names the step, once the keyring is back. Secret values are written late and deletions
 * last, so that most failures come before the keyring is touched at all.
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
    /// The first step: keeps the values of the secrets the import replaces, to put them back on a failure.
    void keepSecrets();
    void fail(const QString &error);
    /// Waits for @p job: its end runs the next steps, or fails naming @p doing.
    void await(CustomActionJob *job, const QString &doing);
    QList<Step> clientSteps(const ImportPlan &plan);
    QList<Step> actionSteps(const ImportPlan &plan);
    QList<Step> flowSteps(const ImportPlan &plan);
    QList<Step> guardianSteps(const ImportPlan &plan);
    QList<Step> secretSteps(const ImportPlan &plan);
    QList<Step> deleteSteps(const ImportPlan &plan);
    /// Runs @p work as a step: its error fails the import naming @p doing.
    Step sync(const QString &doing, std::function<Result<void>()> work);

    Tenant &m_tenant;
    struct Held;
    std::unique_ptr<Held> m_held;
    QList<Step> m_steps;
    ImportSecrets *m_secrets; ///< notes, keeps and puts back what the import changes in the keyring
    QHash<QString, QString> m_clientIds; ///< the tenant's applications by name, when the import started
    bool m_running = false;
    bool m_waiting = false; ///< a step waits for a job, whose end calls next()
};
