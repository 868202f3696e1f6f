#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief One value an integration asks for when it is installed.
 *
 * Secrets go to the secret store and are never shown again; configuration is plain text kept in the
 * tenant (Auth0's event.secrets and event.configuration).
 */
struct IntegrationInput
{
    enum class Kind
    {
        Secret,
        Configuration
    };

    QString key; ///< ALL_CAPS_UNDERSCORE name the action reads, e.g. "PLIVO_AUTH_ID"
    Kind kind = Kind::Configuration;
    QString label; ///< e.g. "Auth ID"
    QString help; ///< where to find the value, one or two sentences
    QString placeholder;
    bool required = true;
    QString format; ///< how the value is checked: "plivo-auth-id", "e164" or "" (any text)

    bool isSecret() const { return kind == Kind::Secret; }
};

/// An integration the catalog offers (an Auth0 Marketplace action).
struct CatalogEntry
{
    QString id; ///< "plivo"
    QString name; ///< "Plivo"
    QString publisher;
    QString summary; ///< one line, for the catalog list
    QString description; ///< a paragraph, for the install page
    QString logo; ///< a resource path, e.g. ":/authdeck/catalog/plivo.svg"
    QString trigger; ///< the Auth0 trigger id, e.g. "send-phone-message"
    QString version; ///< e.g. "1.0.0"
    QStringList consent; ///< what the admin agrees to share, e.g. "Read and share user profile information"
    QList<IntegrationInput> inputs;

    /// The input named @p key, or nullptr.
    const IntegrationInput *input(const QString &key) const;
};

/**
 * @brief The integrations Authdeck can install, shipped as data (resources/catalog/integrations.json).
 *
 * The file is a JSON object {"integrations": [entry…]}; each entry carries the fields of CatalogEntry
 * (the logo is optional, inputs may be empty) and each input {key, kind: "secret" | "configuration",
 * label, help?, placeholder?, required? (default true), format? ("plivo-auth-id" | "e164")}.
 */
class IntegrationCatalog
{
    Q_DECLARE_TR_FUNCTIONS(IntegrationCatalog)

public:
    /// The catalog compiled into Authdeck: ":/authdeck/catalog/integrations.json".
    static QString defaultPath();

    /**
     * @brief Reads and checks the catalog at @p path.
     * @return the catalog, or an error naming the file, the entry and what is wrong with it (not JSON,
     *         a missing field, an unknown kind or format, a duplicate id or key); never crashes on bad data
     */
    static Result<IntegrationCatalog> load(const QString &path = defaultPath());

    /// Parses a catalog from @p json; @p source names it in error messages.
    static Result<IntegrationCatalog> parse(const QByteArray &json, const QString &source);

    /// The entries in file order.
    const QList<CatalogEntry> &entries() const { return m_entries; }
    /// The entry with id @p id, or nullptr.
    const CatalogEntry *find(const QString &id) const;
    /// Entries whose name, publisher or summary contains @p text, ignoring case; all for an empty text.
    QList<CatalogEntry> search(const QString &text) const;

private:
    QList<CatalogEntry> m_entries;
};

Q_DECLARE_METATYPE(CatalogEntry)
