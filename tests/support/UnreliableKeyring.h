#pragma once

#include "core/secrets/MemorySecretStore.h"

#include <functional>

/**
 * @brief A memory keyring that answers slowly, or goes away after a number of answers, as a real one can.
 *
 * Every job waits delayMs before it runs. Once answersLeft jobs have run, each later job fails with
 * Status::Unavailable, as when the keyring daemon disappears mid-change, until comeBack().
 */
class UnreliableKeyring : public MemorySecretStore
{
    Q_OBJECT

public:
    using MemorySecretStore::MemorySecretStore;

    int delayMs = 0;
    int answersLeft = -1; ///< jobs still answered before the keyring goes away; negative: it stays
    int jobsRun = 0; ///< jobs that reached the keyring, answered or not

    void comeBack() { answersLeft = -1; }

    SecretJob *read(const QString &key) override;
    SecretJob *write(const QString &key, const QByteArray &value) override;
    SecretJob *remove(const QString &key) override;

private:
    SecretJob *relay(SecretJob::Operation operation, const QString &key, std::function<SecretJob *()> real);
};
