#pragma once

#include <QString>

/**
 * @brief A new, empty database on the AUTHDECK_TEST_POSTGRES server for one test, dropped (its
 *        connections closed first) when this object goes.
 *
 * Each one is a database of its own, so that tests and suites running at once never see each other's data.
 */
class ScratchPostgres
{
public:
    /// A database made with @p options added to CREATE DATABASE (e.g. a locale), none by default.
    explicit ScratchPostgres(const QString &options = QString());
    ~ScratchPostgres();
    ScratchPostgres(const ScratchPostgres &) = delete;
    ScratchPostgres &operator=(const ScratchPostgres &) = delete;

    /// False when the database could not be made; error() says why.
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    /// The postgresql:// URL of the new database.
    QString url() const { return m_url; }
    QString name() const { return m_name; }

private:
    QString m_name;
    QString m_url;
    QString m_error;
};
