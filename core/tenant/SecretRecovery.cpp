#include "SecretRecovery.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/common/ProcessIdentity.h"
#include "core/secrets/SecretStore.h"
#include "core/store/CustomActionRepository.h"
#include "core/store/Database.h"
#include "core/store/IntegrationRepository.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSecretRecovery, "authdeck.secrets.recovery")

namespace {

/// How long a row of another machine's process is left to it: longer than any keyring job may take.
constexpr int OtherMachineGraceSeconds = 10 * 60;

bool isAbandoned(const SecretJournalEntry &entry, const QDateTime &now)
{
    switch (ProcessIdentity::stateOf(entry.writer)) {
    case ProcessIdentity::State::Running:
        return false;
    case ProcessIdentity::State::Gone:
        return true;
    case ProcessIdentity::State::Elsewhere:
        return entry.startedAt.secsTo(now) > OtherMachineGraceSeconds;
    }
    return false;
}

bool is(const SecretJournalEntry &entry, const char *kind)
{
    return entry.ownerKind == QLatin1String(kind);
}

} // namespace

SecretRecovery::SecretRecovery(Database &database,
                               SecretStore &secrets,
                               ApplicationService &applications,
                               IntegrationService &integrations,
                               CustomActionService &customActions,
                               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
    , m_applications(applications)
    , m_integrations(integrations)
    , m_customActions(customActions)
    , m_journal(database)
{ }

void SecretRecovery::start()
{
    m_finished = false;
    m_notices.clear();
    m_left.clear();
    auto entries = m_journal.list();
    if (!entries) {
        QMetaObject::invokeMethod(
            this, [this, error = entries.error().message()] { stop(error); }, Qt::QueuedConnection);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const SecretJournalEntry &entry : entries.value()) {
        if (isAbandoned(entry, now))
            m_left.append(entry);
    }
    QMetaObject::invokeMethod(this, &SecretRecovery::next, Qt::QueuedConnection);
}

void SecretRecovery::next()
{
    if (m_left.isEmpty()) {
        m_finished = true;
        Q_EMIT finished(m_notices);
        return;
    }
    const SecretJournalEntry entry = m_left.constFirst();
    const Result<bool> named = isNamed(entry);
    if (!named)
        return stop(named.error().message());
    if (named.value())
        return checkKeyring(entry);

    // Written without its record, or its record removed before the keyring was: take it out of the keyring.
    SecretJob *job = m_secrets.remove(entry.key);
    connect(job, &SecretJob::finished, this, [this, entry](SecretJob *done) {
        if (!done->succeeded() && done->status() != SecretJob::Status::NotFound)
            return stop(done->errorString());
        settle(entry,
               tr("Removed the secrets of %1 from the keyring: a change was interrupted before the tenant "
                  "kept them.")
                   .arg(ownerName(entry)));
    });
}

void SecretRecovery::checkKeyring(const SecretJournalEntry &entry)
{
    SecretJob *job = m_secrets.read(entry.key);
    connect(job, &SecretJob::finished, this, [this, entry](SecretJob *done) {
        if (done->status() == SecretJob::Status::NotFound)
            return forgetInRecord(entry);
        if (!done->succeeded())
            return stop(done->errorString());
        const bool mayDisagree = entry.operation == SecretJournalEntry::Operation::Write
            && !is(entry, ApplicationService::SecretOwnerKind);
        if (!mayDisagree)
            return settle(entry, {});
        settle(entry,
               tr("The %1 of %2 was being changed when Authdeck stopped: the keyring may hold the new value "
                  "while the other settings are the earlier ones. Check it, and set it again if in doubt.")
                   .arg(entry.name, ownerName(entry)),
               false);
    });
}

void SecretRecovery::forgetInRecord(const SecretJournalEntry &entry)
{
    if (is(entry, ApplicationService::SecretOwnerKind)) {
        // A failure leaves the row for the next open.
        SecretJob *job = m_applications.rotateClientSecret(entry.ownerId);
        connect(job, &SecretJob::finished, this, [this, entry](SecretJob *done) {
            if (!done->succeeded())
                return stop(done->errorString());
            settle(entry,
                   tr("%1 had no client secret in the keyring (a change was interrupted): it has a new one, "
                      "which the applications using it need.")
                       .arg(ownerName(entry)));
        });
        return;
    }

    const Result<void> forgotten = m_database.transaction([&]() -> Result<void> {
        if (is(entry, IntegrationService::SecretOwnerKind)) {
            IntegrationRepository repository(m_database);
            auto integration = repository.find(entry.ownerId);
            if (!integration)
                return integration.error();
            integration.value().secretsSet.removeAll(entry.name);
            integration.value().updatedAt = QDateTime::currentDateTimeUtc();
            if (auto updated = repository.update(integration.value()); !updated)
                return updated;
        } else {
            CustomActionRepository repository(m_database);
            auto action = repository.find(entry.ownerId);
            if (!action)
                return action.error();
            QList<ActionSecret> secrets = action.value().secrets;
            secrets.erase(
                std::remove_if(secrets.begin(),
                               secrets.end(),
                               [&](const ActionSecret &secret) { return secret.name == entry.name; }),
                secrets.end());
            if (auto updated
                = repository.updateSecrets(entry.ownerId, secrets, QDateTime::currentDateTimeUtc());
                !updated)
                return updated;
        }
        return m_journal.settle({entry.key}, entry.change);
    });
    if (!forgotten)
        return stop(forgotten.error().message());
    if (is(entry, IntegrationService::SecretOwnerKind))
        m_integrations.announceChangedElsewhere();
    else
        m_customActions.announceChangedElsewhere();
    m_notices.append(
        {tr("The %1 of %2 was not in the keyring (a change was interrupted): it now shows as not set; "
            "enter it again.")
             .arg(entry.name, ownerName(entry))});
    m_left.removeFirst();
    next();
}

Result<bool> SecretRecovery::isNamed(const SecretJournalEntry &entry) const
{
    // A missing owner names nothing; any other failure to read it stops the recovery.
    auto unnamedOr = [](const Error &error) -> Result<bool> {
        if (error.kind() == Error::Kind::NotFound)
            return false;
        return error;
    };
    if (is(entry, ApplicationService::SecretOwnerKind)) {
        auto application = m_applications.find(entry.ownerId);
        if (!application)
            return unnamedOr(application.error());
        return application.value().typeInfo().confidential;
    }
    if (is(entry, IntegrationService::SecretOwnerKind)) {
        auto integration = m_integrations.find(entry.ownerId);
        if (!integration)
            return unnamedOr(integration.error());
        return integration.value().secretsSet.contains(entry.name);
    }
    if (is(entry, CustomActionService::SecretOwnerKind)) {
        auto action = m_customActions.find(entry.ownerId);
        if (!action)
            return unnamedOr(action.error());
        return action.value().secretNames().contains(entry.name);
    }
    return false; // nothing keeps its name: it cannot be used, so it goes
}

QString SecretRecovery::ownerName(const SecretJournalEntry &entry) const
{
    if (is(entry, ApplicationService::SecretOwnerKind)) {
        if (auto application = m_applications.find(entry.ownerId))
            return tr("the application %1").arg(application.value().name);
        return tr("a deleted application (%1)").arg(entry.ownerId);
    }
    if (is(entry, IntegrationService::SecretOwnerKind)) {
        if (auto integration = m_integrations.find(entry.ownerId))
            return tr("the integration %1").arg(integration.value().name);
        return tr("an uninstalled integration (%1)").arg(entry.ownerId);
    }
    if (auto action = m_customActions.find(entry.ownerId))
        return tr("the action %1").arg(action.value().name);
    return tr("a deleted action (%1)").arg(entry.ownerId);
}

void SecretRecovery::settle(const SecretJournalEntry &entry, const QString &message, bool repaired)
{
    if (const Result<void> settled = m_journal.settle({entry.key}, entry.change); !settled)
        return stop(settled.error().message());
    const bool said = std::any_of(m_notices.cbegin(), m_notices.cend(), [&](const Notice &notice) {
        return notice.message == message;
    });
    if (!message.isEmpty() && !said)
        m_notices.append({message, repaired});
    m_left.removeFirst();
    next();
}

void SecretRecovery::stop(const QString &message)
{
    qCWarning(lcSecretRecovery) << "stopped:" << message;
    m_notices.append({tr("Some secrets could not be checked against the keyring (%1). They are checked again "
                         "the next time this tenant opens.")
                          .arg(message),
                      false});
    m_left.clear();
    next();
}
