#pragma once

#include "core/store/PostgresProbe.h"

#include <QDialog>
#include <QFutureWatcher>

class ChoiceCard;
class MessageBar;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QWidget;

/**
 * @brief File > Open Tenant…: a tenant file, or a tenant on a PostgreSQL server (host, port, database,
 *        user, password, TLS mode), with Test connection.
 *
 * The test runs on a worker thread (PostgresProbe, at most its connect_timeout) and says what it found. The
 * password is kept only in the dialog: location() never holds it.
 */
class OpenTenantDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OpenTenantDialog(QWidget *parent = nullptr);

    /// Fills the dialog from a file path or a postgresql:// URL (a recent tenant, the one open).
    void setLocation(const QString &location);
    /// The tenant file path, or the postgresql:// URL without a password.
    QString location() const;
    /// The password typed for the PostgreSQL server, '' for none (libpq then reads PGPASSWORD or ~/.pgpass).
    QString password() const;
    bool isPostgres() const;
    /// Whether the admin asked to keep the password in the system keyring.
    bool remembersPassword() const;

    /// Starts Test connection; tested() follows. False when the fields are not filled in.
    bool testConnection();
    /// Whether a test is running.
    bool isTesting() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    /// A test finished; the message bar says what it found.
    void tested(PostgresProbe::Outcome outcome);

private:
    QWidget *buildFilePanel();
    QWidget *buildServerPanel();
    void updatePanels();
    /// Marks the empty required fields; false when one is.
    bool validate();
    void showReport(const PostgresProbe::Report &report);

    ChoiceCard *m_fileCard;
    ChoiceCard *m_serverCard;
    QWidget *m_filePanel;
    QWidget *m_serverPanel;
    QLineEdit *m_file;
    QLabel *m_fileError;
    QLineEdit *m_host;
    QLabel *m_hostError;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLabel *m_databaseError;
    QLineEdit *m_user;
    QLabel *m_userError;
    QLineEdit *m_password;
    QComboBox *m_sslMode;
    QCheckBox *m_remember;
    QPushButton *m_test;
    MessageBar *m_message;
    QPushButton *m_open;
    QFutureWatcher<PostgresProbe::Report> m_watcher;
};
