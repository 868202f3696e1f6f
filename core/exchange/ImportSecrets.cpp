#include "ImportSecrets.h"

#include "core/actions/CustomActionService.h"
#include "core/common/ProcessIdentity.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/ImportRules.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"
#include "core/store/SecretJournalRepository.h"
#include "core/tenant/Tenant.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QSet>
#include <QUuid>

#include <memory>

Q_LOGGING_CATEGORY(lcImportSecrets, "authdeck.import")

ImportSecrets::ImportSecrets(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
{ }

ImportSecrets::~ImportSecrets()
{
    forget();
}

QList<ImportSecrets::Planned> ImportSecrets::planned(const ImportPlan &plan)
{
    QList<Planned> secrets;
    const QJsonObject wanted = ImportRules::byName(plan.wanted().value(QLatin1String("actions")).toArray());
    for (const ResourceChange &change : plan.changes()) {
        if (change.type != QLatin1String("actions") || change.kind == ResourceChange::Kind::Delete)
            continue;
        for (const QJsonValue &secret :
             wanted.value(change.name).toObject().value(QLatin1String("secrets")).toArray()) {
            const QJsonValue value = secret.toObject().value(QLatin1String("value"));
            if (!value.isString() || value.toString() == ImportRules::kValueNotShown)
                continue;
            secrets.append({change.name,
                            secret.toObject().value(QLatin1String("name")).toString(),
                            value.toString().toUtf8()});
        }
    }
    return secrets;
}

Result<void> ImportSecrets::note(const ImportPlan &plan)
{
    forget();
    m_newActionIds.clear();
    m_change = SecretJournalRepository::newChange();
    const QList<Planned> secrets = planned(plan);
    QStringList deleted;
    for (const ResourceChange &change : plan.changes()) {
        if (change.type == QLatin1String("actions") && change.kind == ResourceChange::Kind::Delete)
            deleted.append(change.name);
    }
    if (secrets.isEmpty() && deleted.isEmpty())
        return {};
    // The actions there now, by name, read once.
    const auto actions = m_tenant.customActions().list();
    if (!actions)
        return actions.error();
    QHash<QString, CustomAction> byName;
    for (const CustomAction &action : actions.value())
        byName.insert(action.name, action);

    QList<SecretJournalEntry> entries;
    QSet<QString> noted;
    const QString writer = ProcessIdentity::current();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto noteKey
        = [&](const QString &action, const QString &id, const QString &name, bool existing, bool write) {
              const QString key = CustomActionService::secretKey(m_tenant.id(), id, name);
              if (noted.contains(key))
                  return;
              noted.insert(key);
              // A key of an action the import creates holds nothing before it.
              m_noted.append({key, action, name, !existing, std::nullopt});
              entries.append(
                  {key,
                   QLatin1String(CustomActionService::SecretOwnerKind),
                   id,
                   name,
                   write ? SecretJournalEntry::Operation::Write : SecretJournalEntry::Operation::Remove,
                   writer,
                   now,
                   m_change});
          };
    for (const Planned &secret : secrets) {
        const bool existing = byName.contains(secret.action);
        QString id = existing ? byName.value(secret.action).id : m_newActionIds.value(secret.action);
        if (id.isEmpty()) {
            id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m_newActionIds.insert(secret.action, id);
        }
        noteKey(secret.action, id, secret.name, existing, true);
    }
    for (const QString &name : std::as_const(deleted)) {
        // An action that is gone already fails its delete step: nothing of it is touched.
        const CustomAction action = byName.value(name);
        for (const QString &secret : action.secretNames())
            noteKey(name, action.id, secret, true, false);
    }
    return SecretJournalRepository(m_tenant.database()).record(entries);
}

void ImportSecrets::keepPrevious(std::function<void(Result<void>)> done)
{
    m_kept = std::move(done);
    m_next = 0;
    QMetaObject::invokeMethod(this, &ImportSecrets::readNext, Qt::QueuedConnection);
}

void ImportSecrets::readNext()
{
    while (m_next < m_noted.size() && m_noted.at(m_next).known)
        ++m_next;
    if (m_next == m_noted.size())
        return std::exchange(m_kept, {})(Result<void>());
    const Noted &noted = m_noted.at(m_next);
    connect(m_tenant.secrets().read(noted.key), &SecretJob::finished, this, [this](SecretJob *job) {
        Noted &noted = m_noted[m_next];
        if (!job->succeeded() && job->status() != SecretJob::Status::NotFound) {
            return std::exchange(m_kept, {})(
                Error(job->status() == SecretJob::Status::TimedOut ? Error::Kind::Timeout
                                                                   : Error::Kind::Unavailable,
                      tr("The secret store could not read the secret %1 of action %2, which the import "
                         "would put back if it failed: %3")
                          .arg(noted.name, noted.action, job->errorString())));
        }
        noted.known = true;
        if (job->succeeded())
            noted.previous = job->value();
        ++m_next;
        readNext();
    });
}

void ImportSecrets::restore(std::function<void()> done)
{
    // A key not read yet was never touched: only its row goes.
    auto back = std::make_shared<QStringList>();
    auto settle = [this, back, done = std::move(done)] {
        if (const Result<void> settled = SecretJournalRepository(m_tenant.database()).settle(*back, m_change);
            !settled)
            qCWarning(lcImportSecrets) << "the secrets are back, but" << settled.error().message();
        forget();
        done();
    };
    QList<const Noted *> putting;
    for (const Noted &noted : std::as_const(m_noted)) {
        if (noted.known)
            putting.append(&noted);
        else
            back->append(noted.key);
    }
    if (putting.isEmpty())
        return (void)QMetaObject::invokeMethod(this, settle, Qt::QueuedConnection);
    auto left = std::make_shared<qsizetype>(putting.size());
    for (const Noted *noted : std::as_const(putting)) {
        putBack(noted->key, noted->previous, [key = noted->key, back, left, settle](bool done) {
            if (done)
                back->append(key);
            if (--*left == 0)
                settle();
        });
    }
}

void ImportSecrets::putBack(const QString &key,
                            const std::optional<QByteArray> &value,
                            std::function<void(bool)> done)
{
    SecretJob *job = value ? m_tenant.secrets().write(key, *value) : m_tenant.secrets().remove(key);
    connect(job, &SecretJob::finished, this, [done = std::move(done)](SecretJob *finished) {
        const bool back = finished->succeeded() || finished->status() == SecretJob::Status::NotFound;
        if (!back)
            qCWarning(lcImportSecrets)
                << "could not put back" << finished->key() << ":" << finished->errorString();
        done(back);
    });
}

void ImportSecrets::forget()
{
    m_noted.clear();
}
