#include "MemorySecretStore.h"

#include <functional>

namespace {

class MemorySecretJob : public SecretJob
{
public:
    using Work = std::function<void(MemorySecretJob *)>;

    MemorySecretJob(Operation operation, const QString &key, Work work, QObject *parent)
        : SecretJob(operation, key, parent)
        , m_work(std::move(work))
    { }

    using SecretJob::finish;

protected:
    void start() override { m_work(this); }

private:
    Work m_work;
};

} // namespace

QString MemorySecretStore::backendName() const
{
    return tr("Memory, for this run only");
}

SecretJob *MemorySecretStore::read(const QString &key)
{
    return new MemorySecretJob(
        SecretJob::Operation::Read,
        key,
        [this, key](MemorySecretJob *job) {
            if (!m_values.contains(key))
                job->finish(SecretJob::Status::NotFound, tr("No secret is stored under %1.").arg(key));
            else
                job->finish(SecretJob::Status::Done, {}, m_values.value(key));
        },
        this);
}

SecretJob *MemorySecretStore::write(const QString &key, const QByteArray &value)
{
    return new MemorySecretJob(
        SecretJob::Operation::Write,
        key,
        [this, key, value](MemorySecretJob *job) {
            m_values.insert(key, value);
            job->finish(SecretJob::Status::Done);
        },
        this);
}

SecretJob *MemorySecretStore::remove(const QString &key)
{
    return new MemorySecretJob(
        SecretJob::Operation::Remove,
        key,
        [this, key](MemorySecretJob *job) {
            m_values.remove(key);
            job->finish(SecretJob::Status::Done);
        },
        this);
}
