#include "SecretChanges.h"

#include "core/common/ProcessIdentity.h"
#include "core/secrets/SecretStore.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSecretChanges, "authdeck.secrets")

SecretChanges::SecretChanges(SecretStore &store,
                             Database &database,
                             Owner owner,
                             QList<Change> changes,
                             Previous previous,
                             QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_journal(database)
    , m_owner(std::move(owner))
    , m_changes(std::move(changes))
    , m_previous(previous)
{ }

void SecretChanges::apply(std::function<void(const std::optional<Failure> &)> done)
{
    m_applied = std::move(done);
    m_next = 0;
    m_before.clear();
    m_undoFailed = false;
    m_change = SecretJournalRepository::newChange();

    QList<SecretJournalEntry> entries;
    const QString writer = ProcessIdentity::current();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Change &change : std::as_const(m_changes)) {
        entries.append(
            {change.key,
             m_owner.kind,
             m_owner.id,
             change.name,
             change.value ? SecretJournalEntry::Operation::Write : SecretJournalEntry::Operation::Remove,
             writer,
             now,
             m_change});
    }
    if (const Result<void> noted = m_journal.record(entries); !noted) {
        const Failure failure {m_changes.isEmpty() ? QString() : m_changes.constFirst().key,
                               SecretJob::Operation::Write,
                               SecretJob::Status::Failed,
                               noted.error().message(),
                               true};
        QMetaObject::invokeMethod(
            this, [this, failure] { m_applied(failure); }, Qt::QueuedConnection);
        return;
    }
    // Start from the event loop, so that done is never called from inside apply().
    QMetaObject::invokeMethod(this, &SecretChanges::step, Qt::QueuedConnection);
}

Result<void> SecretChanges::settle()
{
    return m_journal.settle(keys(), m_change);
}

QStringList SecretChanges::keys() const
{
    QStringList keys;
    for (const Change &change : m_changes)
        keys.append(change.key);
    return keys;
}

void SecretChanges::step()
{
    if (m_next == m_changes.size())
        return m_applied(std::nullopt);

    const Change &change = m_changes.at(m_next);
    auto failed = [this](SecretJob *job) {
        const Failure failure {job->key(), job->operation(), job->status(), job->errorString()};
        // The failing key may be half written: put it back with the others (a failed read touched nothing,
        // and undo() skips it because its previous value is unknown).
        ++m_next;
        undo([this, failure] { m_applied(failure); });
    };

    if (m_before.size() == m_next) {
        if (m_previous == Previous::Absent) {
            m_before.append(std::nullopt);
        } else {
            SecretJob *read = m_store.read(change.key);
            connect(read, &SecretJob::finished, this, [this, failed](SecretJob *job) {
                if (job->succeeded())
                    m_before.append(job->value());
                else if (job->status() == SecretJob::Status::NotFound)
                    m_before.append(std::nullopt);
                else
                    return failed(job);
                step();
            });
            return;
        }
    }

    SecretJob *job = change.value ? m_store.write(change.key, *change.value) : m_store.remove(change.key);
    connect(job, &SecretJob::finished, this, [this, failed](SecretJob *done) {
        if (!done->succeeded() && done->status() != SecretJob::Status::NotFound)
            return failed(done);
        ++m_next;
        step();
    });
}

void SecretChanges::undo(std::function<void()> done)
{
    m_undone = std::move(done);
    // m_next counts the changes that may have touched the store; undo them newest first.
    m_next = std::min(m_next, int(m_before.size()));
    undoStep();
}

void SecretChanges::undoStep()
{
    if (m_next == 0) {
        if (!m_undoFailed) {
            if (const Result<void> settled = m_journal.settle(keys(), m_change); !settled)
                qCWarning(lcSecretChanges) << "the secrets are back, but" << settled.error().message();
        }
        return m_undone();
    }
    --m_next;
    const QString &key = m_changes.at(m_next).key;
    const std::optional<QByteArray> &before = m_before.at(m_next);
    SecretJob *job = before ? m_store.write(key, *before) : m_store.remove(key);
    connect(job, &SecretJob::finished, this, [this](SecretJob *done) {
        if (!done->succeeded() && done->status() != SecretJob::Status::NotFound) {
            m_undoFailed = true;
            qCWarning(lcSecretChanges)
                << "could not undo the change of" << done->key() << ":" << done->errorString();
        }
        undoStep();
    });
}
