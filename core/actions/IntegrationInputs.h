#pragma once

#include "core/actions/IntegrationCatalog.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

/**
 * @brief The rules for the values an admin gives to the inputs of a catalog entry: what is checked,
 *        and how values are stored. IntegrationService applies them; the UI may call them to check
 *        a form as it is typed.
 *
 * Leading and trailing spaces never count, in configuration values and secrets alike, and an empty
 * value counts as not given.
 */
class IntegrationInputs
{
    Q_DECLARE_TR_FUNCTIONS(IntegrationInputs)

public:
    /**
     * @brief The rule broken by each input, keyed by input key; empty when all are valid.
     *
     * Checks that required inputs are given (secrets are not required with @p useSandbox, nor when
     * their key is in @p secretsSet), that "plivo-auth-id" values match ^(MA|SA)[A-Z0-9]{18}$, that
     * "e164" values are phone numbers with their country code, and that no key is unknown or given as
     * the wrong kind.
     */
    static QHash<QString, QString> validate(const CatalogEntry &entry,
                                            const QHash<QString, QString> &configuration,
                                            const QHash<QString, QByteArray> &secrets,
                                            bool useSandbox,
                                            const QStringList &secretsSet);

    /// The problems of validate() as one text, in the order of the entry's inputs.
    static QString summary(const CatalogEntry &entry, const QHash<QString, QString> &problems);

    /// The configuration to store: the given configuration values, trimmed; e164 ones in E.164.
    static QHash<QString, QString> normalizedConfiguration(const CatalogEntry &entry,
                                                           const QHash<QString, QString> &configuration);

    /// The secrets to store: the given secret values, trimmed, in the order of the entry's inputs.
    static QList<QPair<QString, QByteArray>> givenSecrets(const CatalogEntry &entry,
                                                          const QHash<QString, QByteArray> &secrets);
};
