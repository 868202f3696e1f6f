#include "KeychainSecretStore.h"

#include <QLoggingCategory>
#include <QTimer>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcKeychain, "authdeck.secrets")

namespace {

SecretJob::Status statusFor(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretJob::Status::Done;
    case QKeychain::EntryNotFound:
        return SecretJob::Status::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretJob::Status::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretJob::Status::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return SecretJob::Status::Failed;
}

/// Runs one QtKeychain job under a timeout and reports it as a SecretJob.
class KeychainJob : public SecretJob
{
public:
    KeychainJob(Operation operation,
                const QString &key,
                QByteArray value,
                const KeychainSecretStore *store,
                QObject *parent)
        : SecretJob(operation, key, parent)
        , m_value(std::move(value))
        , m_service(store->service())
        , m_timeoutMs(store->timeoutMs())
    { }

protected:
    void start() override
    {
        QKeychain::Job *job = nullptr;
        switch (operation()) {
        case Operation::Read:
            job = new QKeychain::ReadPasswordJob(m_service);
            break;
        case Operation::Write: {
            auto *write = new QKeychain::WritePasswordJob(m_service);
            write->setBinaryData(m_value);
            job = write;
            break;
        }
        case Operation::Remove:
            job = new QKeychain::DeletePasswordJob(m_service);
            break;
        }
        m_value.fill('\0');
        job->setKey(key());
        job->setAutoDelete(true);
        job->setInsecureFallback(false);

        // The context object disconnects this when a timed-out job is gone before the keyring answers.
        connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
            const SecretJob::Status status = statusFor(done->error());
            QByteArray data;
            if (status == Status::Done && operation() == Operation::Read)
                data = static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData();
            // Removing what is not there is not an error.
            if (status == Status::NotFound && operation() == Operation::Remove)
                finish(Status::Done);
            else
                finish(status, status == Status::Done ? QString() : describe(status, done), data);
        });
        QTimer::singleShot(m_timeoutMs, this, [this] {
            qCWarning(lcKeychain) << "keyring timed out for" << key();
            finish(Status::TimedOut,
                   tr("The system keyring did not answer within %1 seconds (it may be locked or waiting "
                      "for a password prompt).")
                       .arg(m_timeoutMs / 1000.0));
        });
        job->start();
    }

private:
    static QString describe(Status status, QKeychain::Job *job)
    {
        switch (status) {
        case Status::NotFound:
            return tr("No secret is stored under this key.");
        case Status::AccessDenied:
            return tr("The system keyring refused access: %1").arg(job->errorString());
        case Status::Unavailable:
            return tr("No system keyring is available: %1").arg(job->errorString());
        default:
            return tr("The system keyring reported an error: %1").arg(job->errorString());
        }
    }

    QByteArray m_value;
    QString m_service;
    int m_timeoutMs;
};

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
    , m_service(QStringLiteral("Authdeck"))
{ }

QString KeychainSecretStore::backendName() const
{
    return tr("System keyring");
}

SecretJob *KeychainSecretStore::read(const QString &key)
{
    return new KeychainJob(SecretJob::Operation::Read, key, {}, this, this);
}

SecretJob *KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    return new KeychainJob(SecretJob::Operation::Write, key, value, this, this);
}

SecretJob *KeychainSecretStore::remove(const QString &key)
{
    return new KeychainJob(SecretJob::Operation::Remove, key, {}, this, this);
}
