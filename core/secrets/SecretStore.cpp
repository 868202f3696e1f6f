#include "SecretStore.h"

namespace {

/// write → read → remove of a probe entry; succeeds only if all three do and the value comes back.
class ProbeJob : public SecretJob
{
public:
    ProbeJob(SecretStore *store, QObject *parent)
        : SecretJob(Operation::Read, QStringLiteral("authdeck/probe"), parent)
        , m_store(store)
    { }

protected:
    void start() override
    {
        const QByteArray token = QByteArrayLiteral("authdeck-probe");
        connect(m_store->write(key(), token), &SecretJob::finished, this, [this, token](SecretJob *written) {
            if (!written->succeeded())
                return finish(written->status(), written->errorString());
            connect(m_store->read(key()), &SecretJob::finished, this, [this, token](SecretJob *read) {
                if (!read->succeeded() || read->value() != token)
                    return finish(read->succeeded() ? Status::Failed : read->status(),
                                  read->succeeded() ? tr("The secret store returned a different value.")
                                                    : read->errorString());
                connect(m_store->remove(key()), &SecretJob::finished, this, [this](SecretJob *removed) {
                    finish(removed->status(), removed->errorString());
                });
            });
        });
    }

private:
    SecretStore *m_store;
};

} // namespace

QString SecretStore::postgresPasswordKey(const QString &url)
{
    return QStringLiteral("postgres/%1/password").arg(url);
}

QString SecretStore::clientSecretKey(const QString &tenantId, const QString &clientId)
{
    return QStringLiteral("tenant/%1/clients/%2/client_secret").arg(tenantId, clientId);
}

SecretJob *SecretStore::probe()
{
    return new ProbeJob(this, this);
}
