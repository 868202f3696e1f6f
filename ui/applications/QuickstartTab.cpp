#include "QuickstartTab.h"

#include "core/server/LoginServer.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace {

QFrame *stepCard(QVBoxLayout *into, QWidget *parent, int number, const QString &title, const QString &text)
{
    QFrame *card = Form::card(parent);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(24, 18, 24, 20);
    layout->setSpacing(8);
    layout->addWidget(Form::section(QObject::tr("%1. %2").arg(number).arg(title), card));
    auto *body = new QLabel(text, card);
    body->setWordWrap(true);
    body->setProperty("role", QStringLiteral("muted"));
    layout->addWidget(body);
    into->addWidget(card);
    return card;
}

} // namespace

QuickstartTab::QuickstartTab(Tenant &tenant, QWidget *parent)
    : QWidget(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_intro(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
    , m_openLogin(Form::button(
          tr("Open the login page"), QStringLiteral("primary"), QStringLiteral("openLoginPageButton"), this))
    , m_loginState(Form::hint({}, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(16);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    layout->addWidget(m_message);

    QFrame *urls
        = stepCard(layout,
                   this,
                   1,
                   tr("Configure the application URIs"),
                   tr("The sample app runs on http://localhost:3000. Allow it as callback URL, logout "
                      "URL and web origin, then Save Changes on the Settings tab."));
    auto *fill = Form::button(
        tr("Use http://localhost:3000"), QStringLiteral("primary"), QStringLiteral("fillUrisButton"), urls);
    urls->layout()->addWidget(fill);
    urls->layout()->setAlignment(fill, Qt::AlignLeft);

    QFrame *config
        = stepCard(layout,
                   this,
                   2,
                   tr("Download auth_config.json"),
                   tr("Put it in the sample's src folder: it gives the app this tenant's domain and "
                      "the application's client ID."));
    m_preview->setObjectName(QStringLiteral("authConfigPreview"));
    m_preview->setProperty("role", QStringLiteral("code"));
    m_preview->setReadOnly(true);
    m_preview->setFixedHeight(100);
    m_preview->setAccessibleName(tr("auth_config.json contents"));
    config->layout()->addWidget(m_preview);
    auto *download
        = Form::button(tr("Download auth_config.json"), {}, QStringLiteral("downloadConfigButton"), config);
    config->layout()->addWidget(download);
    config->layout()->setAlignment(download, Qt::AlignLeft);

    stepCard(
        layout,
        this,
        3,
        tr("Run the sample"),
        tr("In the sample folder run npm install, then npm start, and log in at http://localhost:3000. The "
           "sample's Auth0 SDK talks to this tenant's login server (Tenant Settings > Login server)."));
    QFrame *tryIt = stepCard(layout,
                             this,
                             4,
                             tr("Try the login page"),
                             tr("Opens this application's login page in your browser, as its SDK would: sign "
                                "up or log in, and the login ends on the first callback URL with a code."));
    m_loginState->setObjectName(QStringLiteral("loginPageState"));
    tryIt->layout()->addWidget(m_loginState);
    tryIt->layout()->addWidget(m_openLogin);
    tryIt->layout()->setAlignment(m_openLogin, Qt::AlignLeft);
    layout->addStretch(1);

    connect(
        fill, &QPushButton::clicked, this, [this] { Q_EMIT fillUrisRequested(QLatin1String(LocalAppUrl)); });
    connect(download, &QPushButton::clicked, this, &QuickstartTab::download);
    connect(m_openLogin, &QPushButton::clicked, this, &QuickstartTab::openLoginPage);
    connect(&tenant.loginServer(), &LoginServer::stateChanged, this, &QuickstartTab::updateLoginPage);
    connect(&tenant.settings(), &TenantSettings::changed, this, [this] { load(m_application); });
}

void QuickstartTab::load(const Application &application)
{
    m_application = application;
    const QString technology
        = application.technology.isEmpty() ? application.typeInfo().label : application.technology;
    m_intro->setText(tr("Get a %1 app logging in through this tenant in four steps.").arg(technology));
    m_preview->setPlainText(QString::fromUtf8(authConfig()));
    m_message->clear();
    updateLoginPage();
}

void QuickstartTab::updateLoginPage()
{
    const bool running = m_tenant.loginServer().state() == LoginServer::State::Running;
    const bool hasCallback = !m_application.callbacks.isEmpty();
    m_openLogin->setEnabled(running && hasCallback);
    m_loginState->setText(
        !running ? tr("The login server is not running: start it in Tenant Settings.")
            : !hasCallback
            ? tr("Allow a callback URL first (step 1).")
            : tr("The login server answers at %1.").arg(m_tenant.loginServer().url().toString()));
}

void QuickstartTab::openLoginPage()
{
    const QUrl address = m_tenant.loginServer().loginPageUrl(m_application);
    if (address.isEmpty() || !QDesktopServices::openUrl(address))
        m_message->showMessage(tr("The login page could not be opened: no browser answered."),
                               MessageBar::Level::Error);
}

QByteArray QuickstartTab::authConfig() const
{
    const QJsonObject config {{QStringLiteral("domain"), m_tenant.settings().domain()},
                              {QStringLiteral("clientId"), m_application.clientId}};
    return QJsonDocument(config).toJson(QJsonDocument::Indented);
}

QString QuickstartTab::writeAuthConfig(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(authConfig()) < 0 || !file.commit())
        return tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

void QuickstartTab::download()
{
    const QString path
        = QFileDialog::getSaveFileName(this,
                                       tr("Save auth_config.json"),
                                       QDir::home().filePath(QStringLiteral("auth_config.json")),
                                       tr("JSON files (*.json)"),
                                       nullptr,
                                       QFileDialog::DontUseNativeDialog);
    if (path.isEmpty())
        return;
    if (const QString error = writeAuthConfig(path); !error.isEmpty())
        m_message->showMessage(error, MessageBar::Level::Error);
    else
        m_message->showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)),
                               MessageBar::Level::Success);
}
