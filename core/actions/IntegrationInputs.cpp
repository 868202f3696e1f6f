#include "IntegrationInputs.h"

#include "core/phone/PhoneNumber.h"

#include <QRegularExpression>

#include <algorithm>

namespace {

const QString kPlivoAuthId = QStringLiteral("plivo-auth-id");
const QString kE164 = QStringLiteral("e164");

QString trimmedText(const QHash<QString, QString> &values, const QString &key)
{
    return values.value(key).trimmed();
}

QByteArray trimmedSecret(const QHash<QString, QByteArray> &values, const QString &key)
{
    return values.value(key).trimmed();
}

/// The rule @p value breaks as the value of @p input, or an empty string.
QString checkFormat(const IntegrationInput &input, const QString &value)
{
    static const QRegularExpression authIdPattern(QStringLiteral("^(MA|SA)[A-Z0-9]{18}$"));
    if (input.format == kPlivoAuthId && !authIdPattern.match(value).hasMatch())
        return IntegrationInputs::tr("%1 must be MA or SA followed by 18 capital letters or digits "
                                     "(20 characters), as the Plivo console shows it.")
            .arg(input.label);
    if (input.format == kE164) {
        // The number must carry its country code: Authdeck cannot guess the country of a sender.
        if (auto e164 = PhoneNumber::toE164(value, {}); !e164)
            return e164.error().message();
    }
    return {};
}

} // namespace

QHash<QString, QString> IntegrationInputs::validate(const CatalogEntry &entry,
                                                    const QHash<QString, QString> &configuration,
                                                    const QHash<QString, QByteArray> &secrets,
                                                    bool useSandbox,
                                                    const QStringList &secretsSet)
{
    QHash<QString, QString> problems;

    // A value given as the wrong kind would be kept in the wrong place: a secret in the tenant file.
    for (auto it = configuration.cbegin(); it != configuration.cend(); ++it) {
        const IntegrationInput *input = entry.input(it.key());
        if (!input)
            problems.insert(it.key(), tr("%1 is not a setting of %2.").arg(it.key(), entry.name));
        else if (input->isSecret())
            problems.insert(
                it.key(), tr("%1 is a secret: it cannot be saved as plain configuration.").arg(input->label));
    }
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const IntegrationInput *input = entry.input(it.key());
        if (!input)
            problems.insert(it.key(), tr("%1 is not a setting of %2.").arg(it.key(), entry.name));
        else if (!input->isSecret())
            problems.insert(it.key(), tr("%1 is not a secret: save it as configuration.").arg(input->label));
    }

    for (const IntegrationInput &input : entry.inputs) {
        if (problems.contains(input.key))
            continue;
        const QString value = input.isSecret() ? QString::fromUtf8(trimmedSecret(secrets, input.key))
                                               : trimmedText(configuration, input.key);
        if (value.isEmpty()) {
            const bool kept = input.isSecret() && (useSandbox || secretsSet.contains(input.key));
            if (input.required && !kept)
                problems.insert(input.key, tr("%1 is required.").arg(input.label));
            continue;
        }
        if (const QString problem = checkFormat(input, value); !problem.isEmpty())
            problems.insert(input.key, problem);
    }
    return problems;
}

QString IntegrationInputs::summary(const CatalogEntry &entry, const QHash<QString, QString> &problems)
{
    QStringList sentences;
    for (const IntegrationInput &input : entry.inputs) {
        if (problems.contains(input.key))
            sentences.append(problems.value(input.key));
    }
    QStringList unknown;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it) {
        if (!entry.input(it.key()))
            unknown.append(it.key());
    }
    std::sort(unknown.begin(), unknown.end());
    for (const QString &key : qAsConst(unknown))
        sentences.append(problems.value(key));
    return sentences.join(QLatin1Char(' '));
}

QHash<QString, QString>
IntegrationInputs::normalizedConfiguration(const CatalogEntry &entry,
                                           const QHash<QString, QString> &configuration)
{
    QHash<QString, QString> normalized;
    for (const IntegrationInput &input : entry.inputs) {
        const QString value = trimmedText(configuration, input.key);
        if (input.isSecret() || value.isEmpty())
            continue;
        if (input.format == kE164) {
            if (auto e164 = PhoneNumber::toE164(value, {}))
                normalized.insert(input.key, e164.value());
            continue;
        }
        normalized.insert(input.key, value);
    }
    return normalized;
}

QList<QPair<QString, QByteArray>> IntegrationInputs::givenSecrets(const CatalogEntry &entry,
                                                                  const QHash<QString, QByteArray> &secrets)
{
    QList<QPair<QString, QByteArray>> given;
    for (const IntegrationInput &input : entry.inputs) {
        const QByteArray value = trimmedSecret(secrets, input.key);
        if (input.isSecret() && !value.isEmpty())
            given.append({input.key, value});
    }
    return given;
}
