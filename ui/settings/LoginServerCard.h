#pragma once

#include <QFrame>

class LoginServer;
class QLabel;
class QPushButton;
class TenantSettings;

/**
 * @brief Tenant Settings > Login server: where the tenant's login server answers and whether it runs
 *        (running, stopped, starting, or failed with the reason, e.g. a busy port), Start and Stop, on an
 *        https:// domain the CA of its TLS certificate (Save CA certificate…, for the tools that must trust
 *        it), and the token signing keys with Rotate (after a confirmation; the previous key stays in the
 *        JWKS).
 */
class LoginServerCard : public QFrame
{
    Q_OBJECT

public:
    LoginServerCard(LoginServer &server, TenantSettings &settings, QWidget *parent = nullptr);

private:
    void updateState();
    void updateKeys();
    void rotate();
    /// Asks where (a file dialog opened, not run in a nested loop), then writes the CA certificate there.
    void saveCa();
    void writeCa(const QString &path);

    LoginServer &m_server;
    TenantSettings &m_settings;
    QLabel *m_state;
    QLabel *m_restartHint;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_tls;
    QPushButton *m_saveCa;
    QLabel *m_keys;
    QLabel *m_keysMessage;
    QPushButton *m_rotate;
};
