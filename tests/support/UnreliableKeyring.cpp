#include "UnreliableKeyring.h"

#include <QTimer>

namespace {

/// Runs the real job once the keyring answers, and reports its outcome as its own.
class RelayJob : public SecretJob
{
public:
    using Start = std::function<void(RelayJob *)>;

    RelayJob(Operation operation, const QString &key, Start start, QObject *parent)
        : SecretJob(operation, key, parent)
        , m_start(std::move(start))
    { }

    using SecretJob::finish;

protected:
    void start() override { m_start(this); }

private:
    Start m_start;
};

} // namespace

SecretJob *UnreliableKeyring::read(const QString &key)
{
    return relay(SecretJob::Operation::Read, key, [this, key] { return MemorySecretStore::read(key); });
}

SecretJob *UnreliableKeyring::write(const QString &key, const QByteArray &value)
{
    return relay(SecretJob::Operation::Write, key, [this, key, value] {
        return MemorySecretStore::write(key, value);
    });
}

SecretJob *UnreliableKeyring::remove(const QString &key)
{
    return relay(SecretJob::Operation::Remove, key, [this, key] { return MemorySecretStore::remove(key); });
}

SecretJob *UnreliableKeyring::relay(SecretJob::Operation operation,
                                    const QString &key,
                                    std::function<SecretJob *()> real)
{
    return new RelayJob(
        operation,
        key,
        [this, real](RelayJob *job) {
            QTimer::singleShot(delayMs, job, [this, real, job] {
                ++jobsRun;
                if (answersLeft == 0)
                    return job->finish(SecretJob::Status::Unavailable,
                                       QStringLiteral("The keyring went away."));
                if (answersLeft > 0)
                    --answersLeft;
                connect(real(), &SecretJob::finished, job, [job](SecretJob *done) {
                    job->finish(done->status(), done->errorString(), done->value());
                });
            });
        },
        this);
}
