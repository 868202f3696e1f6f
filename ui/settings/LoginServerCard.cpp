#include "LoginServerCard.h"

#include "core/server/LoginServer.h"
#include "core/server/SigningKeyRing.h"
#include "core/settings/TenantSettings.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

LoginServerCard::LoginServerCard(LoginServer &server, TenantSettings &settings, QWidget *parent)
    : QFrame(parent)
    , m_server(server)
    , m_settings(settings)
    , m_state(new QLabel(this))
    , m_restartHint(Form::hint({}, this))
    , m_start(Form::button(tr("Start"), QStringLiteral("primary"), QStringLiteral("startServerButton"), this))
    , m_stop(Form::button(tr("Stop"), {}, QStringLiteral("stopServerButton"), this))
    , m_tls(Form::hint({}, this))
    , m_saveCa(Form::button(tr("Save CA certificate…"), {}, QStringLiteral("saveCaButton"), this))
    , m_keys(new QLabel(this))
    , m_keysMessage(Form::hint({}, this))
    , m_rotate(Form::button(tr("Rotate signing key"), {}, QStringLiteral("rotateKeyButton"), this))
{
    setObjectName(QStringLiteral("loginServerCard"));
    setProperty("role", QStringLiteral("card")); // styled as Form::card()
    setMaximumWidth(720);
    m_state->setObjectName(QStringLiteral("serverStateLabel"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_restartHint->setObjectName(QStringLiteral("serverRestartHint"));
    m_tls->setObjectName(QStringLiteral("tlsLabel"));
    m_tls->setWordWrap(true);
    m_tls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keys->setObjectName(QStringLiteral("signingKeysLabel"));
    m_keys->setWordWrap(true);
    m_keys->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keysMessage->setObjectName(QStringLiteral("signingKeysMessage"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 22);
    layout->setSpacing(6);
    layout->addWidget(Form::section(tr("Login server"), this));
    layout->addWidget(
        Form::hint(tr("Apps log in against this address with Auth0's SDKs: /authorize, the hosted "
                      "login pages, /oauth/token, /userinfo and /v2/logout. It listens on the "
                      "loopback interface unless the domain names another host."),
                   this));
    layout->addWidget(m_state);
    layout->addWidget(m_restartHint);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addWidget(m_tls);
    layout->addWidget(m_saveCa, 0, Qt::AlignLeft);
    layout->addSpacing(12);
    layout->addWidget(Form::section(tr("Signing keys"), this));
    layout->addWidget(
        Form::hint(tr("ID tokens are signed RS256 with the current key; its private half is kept "
                      "in the keyring only. After a rotation the previous key stays in "
                      "/.well-known/jwks.json, so tokens it signed still verify."),
                   this));
    layout->addWidget(m_keys);
    layout->addWidget(m_keysMessage);
    layout->addWidget(m_rotate, 0, Qt::AlignLeft);

    connect(m_start, &QPushButton::clicked, this, [this] { m_server.start(); });
    connect(m_stop, &QPushButton::clicked, this, [this] { m_server.stop(); });
    connect(m_rotate, &QPushButton::clicked, this, &LoginServerCard::rotate);
    connect(m_saveCa, &QPushButton::clicked, this, &LoginServerCard::saveCa);
    connect(&server, &LoginServer::stateChanged, this, &LoginServerCard::updateState);
    connect(&settings, &TenantSettings::changed, this, &LoginServerCard::updateState);
    connect(&server.signingKeys(), &SigningKeyRing::keysChanged, this, &LoginServerCard::updateKeys);
    connect(&server.signingKeys(), &SigningKeyRing::rotated, this, [this](const QString &error) {
        m_keysMessage->setText(error.isEmpty() ? tr("A new signing key is in use.") : error);
        m_rotate->setEnabled(m_server.signingKeys().isLoaded());
    });
    updateState();
    updateKeys();
}

void LoginServerCard::updateState()
{
    const LoginServer::State state = m_server.state();
    switch (state) {
    case LoginServer::State::Running:
        m_state->setText(tr("Running at %1").arg(m_server.url().toString()));
        break;
    case LoginServer::State::Starting:
        m_state->setText(tr("Starting (reading the signing keys)…"));
        break;
    case LoginServer::State::Failed:
        m_state->setText(tr("Not running: %1").arg(m_server.errorString()));
        break;
    case LoginServer::State::Stopped:
        m_state->setText(tr("Stopped. Apps cannot log in until it is started."));
        break;
    }
    m_state->setProperty("role", state == LoginServer::State::Failed ? QStringLiteral("error") : QString());
    Form::repolish(m_state);
    const QUrl wanted(m_settings.domain());
    const QUrl serving = m_server.url();
    const bool moved = state == LoginServer::State::Running
        && (wanted.scheme() != serving.scheme()
            || wanted.host().compare(serving.host(), Qt::CaseInsensitive) != 0
            || wanted.port(80) != serving.port(80));
    m_restartHint->setText(moved ? tr("The domain has changed: stop and start the server to listen on %1.")
                                       .arg(m_settings.domain())
                                 : QString());
    m_restartHint->setVisible(moved);
    const bool tls = state == LoginServer::State::Running && m_server.usesTls();
    if (tls)
        m_tls->setText(tr("Served over HTTPS with the tenant's own certificate. Tools that call it (Auth0's "
                          "Deploy CLI, the Node SDK) must trust its CA: save it, then run them with "
                          "NODE_EXTRA_CA_CERTS=<that file>."));
    m_tls->setVisible(tls);
    m_saveCa->setVisible(tls);
    m_start->setEnabled(state == LoginServer::State::Stopped || state == LoginServer::State::Failed);
    m_stop->setEnabled(state == LoginServer::State::Running);
    updateKeys();
}

void LoginServerCard::updateKeys()
{
    const SigningKeyRing &keys = m_server.signingKeys();
    m_rotate->setEnabled(keys.isLoaded());
    if (!keys.isLoaded()) {
        m_keys->setText(tr("The keys are read from the keyring when the server starts."));
        return;
    }
    const QList<SigningKey> all = keys.keys();
    QString text = tr("Current key: %1").arg(all.first().keyId());
    if (all.size() > 1)
        text += QLatin1Char('\n') + tr("Previous key (still published): %1").arg(all.at(1).keyId());
    m_keys->setText(text);
}

void LoginServerCard::rotate()
{
    ConfirmationBox box(
        ConfirmationBox::Tone::Warning,
        tr("Rotate the signing key?"),
        tr("New tokens will be signed with a new key. Tokens signed with the current key keep "
           "verifying until the next rotation; tokens of the previous key stop verifying now."),
        this);
    box.setObjectName(QStringLiteral("rotateKeyConfirmation"));
    QPushButton *rotate = box.addButton(tr("Rotate"), QMessageBox::AcceptRole);
    rotate->setObjectName(QStringLiteral("confirmRotate"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != rotate)
        return;
    m_rotate->setEnabled(false);
    m_keysMessage->setText(tr("Rotating…"));
    m_server.signingKeys().rotate();
}

void LoginServerCard::saveCa()
{
    auto *dialog = new QFileDialog(this,
                                   tr("Save the CA certificate"),
                                   QStringLiteral("authdeck-ca.pem"),
                                   tr("PEM certificates (*.pem *.crt)"));
    dialog->setObjectName(QStringLiteral("saveCaDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pem"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &LoginServerCard::writeCa);
    dialog->open();
}

void LoginServerCard::writeCa(const QString &path)
{
    const auto written = m_server.writeCaCertificate(path);
    m_tls->setText(written
                       ? tr("The CA certificate is saved in %1. Run the tools with NODE_EXTRA_CA_CERTS=%1.")
                             .arg(QDir::toNativeSeparators(path))
                       : written.error().message());
}
