#include "TryLoginWindow.h"

#include "core/login/UserStore.h"
#include "core/phone/PhoneNumber.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"
#include "ui/trylogin/TimelineDelegate.h"

#include <QAccessible>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum Screen
{
    LoginScreen,
    SignUpScreen,
    EnrollScreen,
    ChallengeScreen,
    DoneScreen,
    FailedScreen
};

QString countryName(const QString &code)
{
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    return territory == QLocale::AnyTerritory ? code : QLocale::territoryToString(territory);
}

/// The country the picker starts on: the locale's, or the United States (as Auth0's widget does) when the
/// locale names none (the C locale) or one without a calling code.
QString homeRegion(const QLocale &locale, const QList<PhoneNumber::Region> &regions)
{
    const QString code = locale.territory() == QLocale::AnyTerritory
        ? QString()
        : QLocale::territoryToCode(locale.territory());
    const bool known = std::any_of(
        regions.cbegin(), regions.cend(), [&code](const PhoneNumber::Region &r) { return r.code == code; });
    return known ? code : QStringLiteral("US");
}

} // namespace

TryLoginWindow::TryLoginWindow(Tenant &tenant, const LoginContext &context, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_tenant(tenant)
    , m_context(context)
    , m_screens(new QStackedWidget(this))
    , m_timeline(new QListWidget(this))
{
    setObjectName(QStringLiteral("tryLoginWindow"));
    setWindowTitle(tr("Try your login — %1").arg(context.clientName));
    setAttribute(Qt::WA_StyledBackground);
    resize(1120, 680);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(24);
    auto *left = new QVBoxLayout;
    left->addWidget(m_screens, 1);
    layout->addLayout(left, 0);
    m_screens->addWidget(buildLogin(false));
    m_screens->addWidget(buildLogin(true));
    m_screens->addWidget(buildEnroll());
    m_screens->addWidget(buildChallenge());
    m_screens->addWidget(buildDone());
    m_screens->addWidget(buildFailed());

    auto *right = new QVBoxLayout;
    right->addWidget(Form::section(tr("Timeline"), this));
    right->addWidget(Form::hint(tr("Each step of this login, each action run and "
                                   "each SMS, as it happens."),
                                this));
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setItemDelegate(new TimelineDelegate(m_timeline));
    m_timeline->setResizeMode(QListView::Adjust);
    m_timeline->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_timeline->setSelectionMode(QAbstractItemView::SingleSelection);
    right->addWidget(m_timeline, 1);
    layout->addLayout(right, 1);

    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, &TryLoginWindow::updateResend);
    tick->start();
    restart();
}

QWidget *TryLoginWindow::screen(const QString &objectName, const QString &title, const QString &text)
{
    auto *holder = new QWidget(m_screens);
    auto *outer = new QVBoxLayout(holder);
    outer->addStretch(1);
    QFrame *card = Form::card(holder);
    card->setObjectName(objectName);
    card->setFixedWidth(400);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(10);
    auto *heading = new QLabel(title, card);
    heading->setObjectName(QStringLiteral("screenTitle"));
    heading->setAlignment(Qt::AlignHCenter);
    heading->setProperty("role", QStringLiteral("section"));
    layout->addWidget(heading);
    auto *body = Form::hint(text, card);
    body->setAlignment(Qt::AlignHCenter);
    layout->addWidget(body);
    auto *error = Form::error(QStringLiteral("screenError"), card);
    layout->addWidget(error);
    m_errors.append(error);
    outer->addWidget(card, 0, Qt::AlignHCenter);
    outer->addStretch(2);
    return holder;
}

QWidget *TryLoginWindow::buildLogin(bool signUp)
{
    const QString tenantName = m_tenant.settings().friendlyName();
    QWidget *page = signUp
        ? screen(QStringLiteral("signUpScreen"),
                 tr("Create Your Account"),
                 tr("Sign Up to %1 to continue to %2.").arg(tenantName, m_context.clientName))
        : screen(QStringLiteral("loginScreen"),
                 tr("Welcome"),
                 tr("Log in to %1 to continue to %2.").arg(tenantName, m_context.clientName));
    auto *layout = static_cast<QVBoxLayout *>(page->findChild<QFrame *>()->layout());
    auto *email = new QLineEdit(page);
    email->setObjectName(QStringLiteral("emailEdit"));
    email->setPlaceholderText(tr("Email address"));
    email->setAccessibleName(tr("Email address"));
    auto *password = new QLineEdit(page);
    password->setObjectName(QStringLiteral("passwordEdit"));
    password->setPlaceholderText(tr("Password"));
    password->setAccessibleName(tr("Password"));
    password->setEchoMode(QLineEdit::Password);
    auto *go
        = Form::button(tr("Continue"), QStringLiteral("primary"), QStringLiteral("continueButton"), page);
    auto *other
        = Form::button(signUp ? tr("Already have an account? Log in") : tr("Don't have an account? Sign up"),
                       QStringLiteral("link"),
                       signUp ? QStringLiteral("showLoginLink") : QStringLiteral("showSignUpLink"),
                       page);
    layout->addWidget(email);
    layout->addWidget(password);
    layout->addWidget(go);
    layout->addWidget(other, 0, Qt::AlignHCenter);
    m_actions << go;
    (signUp ? m_signUpEmail : m_email) = email;
    (signUp ? m_signUpPassword : m_password) = password;

    const auto submit = [this, signUp, email, password] {
        if (signUp)
            m_transaction->signUp(email->text().trimmed(), password->text());
        else
            m_transaction->logIn(email->text().trimmed(), password->text());
    };
    connect(go, &QPushButton::clicked, this, submit);
    connect(password, &QLineEdit::returnPressed, this, submit);
    if (!signUp) {
        // As on Auth0's login page: no Sign up link while the tenant does not allow sign-ups.
        other->setVisible(m_tenant.users().signUpsEnabled());
        connect(&m_tenant.users(), &UserStore::signUpsEnabledChanged, other, &QWidget::setVisible);
    }
    connect(other, &QPushButton::clicked, this, [this, signUp] {
        if (signUp)
            m_transaction->showLogin();
        else
            m_transaction->showSignUp();
    });
    return page;
}

QWidget *TryLoginWindow::buildEnroll()
{
    QWidget *page = screen(QStringLiteral("enrollScreen"),
                           tr("Secure Your Account"),
                           tr("Enter your phone number below. An SMS will be sent to that "
                              "number with a code to "
                              "enter on the next screen."));
    auto *layout = static_cast<QVBoxLayout *>(page->findChild<QFrame *>()->layout());
    m_country = new QComboBox(page);
    m_country->setObjectName(QStringLiteral("countryCombo"));
    QList<QPair<QString, PhoneNumber::Region>> entries;
    const QList<PhoneNumber::Region> regions = PhoneNumber::regions();
    for (const PhoneNumber::Region &region : regions)
        entries.append({countryName(region.code), region});
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    // The country of the locale comes first.
    const QString home = homeRegion(QLocale(), regions);
    for (const auto &[name, region] : std::as_const(entries)) {
        const QString label = tr("%1 (+%2)").arg(name).arg(region.callingCode);
        if (region.code == home)
            m_country->insertItem(0, label, region.code);
        else
            m_country->addItem(label, region.code);
    }
    m_country->setCurrentIndex(0);
    m_phone = new QLineEdit(page);
    m_phone->setObjectName(QStringLiteral("phoneEdit"));
    m_phone->setPlaceholderText(tr("Enter your phone number"));
    m_phone->setAccessibleName(tr("Phone number"));
    auto *go = Form::button(tr("Continue"), QStringLiteral("primary"), QStringLiteral("enrollButton"), page);
    // Labels beside their fields (siblings in the card), so that a screen reader names the picker by its
    // label: on Linux a combo box's own name is its current value.
    QWidget *card = page->findChild<QFrame *>();
    QLabel *countryLabel = Form::label(tr("C&ountry code"), m_country, card);
    countryLabel->setObjectName(QStringLiteral("countryLabel"));
    layout->addWidget(countryLabel);
    layout->addWidget(m_country);
    layout->addSpacing(4);
    layout->addWidget(Form::label(tr("P&hone number"), m_phone, card));
    layout->addWidget(m_phone);
    layout->addSpacing(4);
    layout->addWidget(go);
    m_actions << go;
    const auto submit
        = [this] { m_transaction->enroll(m_country->currentData().toString(), m_phone->text()); };
    connect(go, &QPushButton::clicked, this, submit);
    connect(m_phone, &QLineEdit::returnPressed, this, submit);
    return page;
}

QWidget *TryLoginWindow::buildChallenge()
{
    QWidget *page = screen(
        QStringLiteral("challengeScreen"), tr("Verify Your Identity"), tr("We've sent a text message to:"));
    auto *layout = static_cast<QVBoxLayout *>(page->findChild<QFrame *>()->layout());
    m_masked = new QLabel(page);
    m_masked->setObjectName(QStringLiteral("maskedPhone"));
    m_masked->setAlignment(Qt::AlignHCenter);
    m_masked->setProperty("role", QStringLiteral("fieldLabel"));
    m_code = new QLineEdit(page);
    m_code->setObjectName(QStringLiteral("codeEdit"));
    m_code->setPlaceholderText(tr("Enter the 6-digit code"));
    m_code->setAccessibleName(tr("Code"));
    m_code->setMaxLength(6);
    auto *go = Form::button(tr("Continue"), QStringLiteral("primary"), QStringLiteral("verifyButton"), page);
    m_resend = Form::button(tr("Resend"), QStringLiteral("link"), QStringLiteral("resendButton"), page);
    // The visible text counts down; the name a screen reader says stays put, the countdown is its
    // description.
    m_resend->setAccessibleName(tr("Resend"));
    layout->insertWidget(2, m_masked);
    layout->addWidget(m_code);
    layout->addWidget(go);
    auto *again = new QHBoxLayout;
    again->addStretch(1);
    QLabel *didNotReceive = Form::hint(tr("Didn't receive a code?"), page);
    didNotReceive->setObjectName(QStringLiteral("noCodeHint"));
    didNotReceive->setWordWrap(false);
    again->addWidget(didNotReceive);
    again->addWidget(m_resend);
    again->addStretch(1);
    layout->addLayout(again);
    m_actions << go;
    const auto submit = [this] { m_transaction->verify(m_code->text().trimmed()); };
    connect(go, &QPushButton::clicked, this, submit);
    connect(m_code, &QLineEdit::returnPressed, this, submit);
    connect(m_resend, &QPushButton::clicked, this, [this] {
        m_transaction->resend();
        updateResend();
    });
    return page;
}

QWidget *TryLoginWindow::buildDone()
{
    QWidget *page = screen(QStringLiteral("doneScreen"),
                           tr("It Works!"),
                           tr("The login went through. This is the user's profile:"));
    auto *card = page->findChild<QFrame *>();
    card->setFixedWidth(520);
    auto *layout = static_cast<QVBoxLayout *>(card->layout());
    m_profile = new QPlainTextEdit(page);
    m_profile->setObjectName(QStringLiteral("profileJson"));
    m_profile->setAccessibleName(tr("User profile"));
    m_profile->setProperty("role", QStringLiteral("code"));
    m_profile->setReadOnly(true);
    m_profile->setMinimumHeight(220);
    auto *again = Form::button(tr("Try again"), {}, QStringLiteral("tryAgainButton"), page);
    layout->addWidget(m_profile);
    layout->addWidget(again);
    connect(again, &QPushButton::clicked, this, &TryLoginWindow::restart);
    return page;
}

QWidget *TryLoginWindow::buildFailed()
{
    // As Universal Login's error page: what went wrong, in the text the user would see, and a way back.
    QWidget *page
        = screen(QStringLiteral("failedScreen"), tr("Access denied"), tr("The login did not go through:"));
    auto *card = page->findChild<QFrame *>();
    auto *layout = static_cast<QVBoxLayout *>(card->layout());
    auto *icon = new QLabel(card);
    icon->setObjectName(QStringLiteral("failedIcon"));
    icon->setAlignment(Qt::AlignHCenter);
    layout->insertWidget(0, icon);
    QLabel *reason = m_errors.constLast();
    reason->setObjectName(QStringLiteral("failureReason"));
    reason->setProperty("role", QStringLiteral("alert"));
    reason->setAlignment(Qt::AlignHCenter);
    reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto paint = [icon, reason] {
        const Theme &theme = Theme::instance();
        icon->setPixmap(theme.icon(QStringLiteral("alert"), QStringLiteral("danger")).pixmap(36, 36));
        reason->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3;"
                                             " border-radius: 8px; padding: 10px 12px; font-weight: 600; }")
                                  .arg(theme.color(QStringLiteral("dangerSoft")).name(),
                                       theme.color(QStringLiteral("danger")).name(),
                                       theme.color(QStringLiteral("danger")).name()));
    };
    paint();
    connect(&Theme::instance(), &Theme::changed, card, paint);
    QLabel *where = Form::hint(tr("The timeline says why; Logs has the event."), card);
    where->setAlignment(Qt::AlignHCenter);
    m_backToLogin = Form::button(
        tr("Back to login"), QStringLiteral("primary"), QStringLiteral("backToLoginButton"), page);
    layout->addSpacing(4);
    layout->addWidget(where);
    layout->addSpacing(4);
    layout->addWidget(m_backToLogin);
    connect(m_backToLogin, &QPushButton::clicked, this, &TryLoginWindow::restart);
    return page;
}

void TryLoginWindow::restart()
{
    delete m_transaction;
    m_timeline->clear();
    for (QLineEdit *edit : {m_password, m_signUpPassword, m_phone, m_code})
        edit->clear();
    m_transaction = new LoginTransaction(m_tenant.login(), m_context, this);
    connect(m_transaction, &LoginTransaction::stateChanged, this, &TryLoginWindow::showState);
    connect(m_transaction, &LoginTransaction::errorChanged, this, &TryLoginWindow::showError);
    connect(m_transaction, &LoginTransaction::timelineEntryAdded, this, &TryLoginWindow::addTimeline);
    connect(m_transaction, &LoginTransaction::busyChanged, this, [this](bool busy) {
        for (QPushButton *action : std::as_const(m_actions))
            action->setEnabled(!busy);
    });
    for (const TimelineEntry &entry : m_transaction->timeline())
        addTimeline(entry);
    showState(m_transaction->state());
}

void TryLoginWindow::showState(LoginTransaction::State state)
{
    switch (state) {
    case LoginTransaction::State::Login:
        m_screens->setCurrentIndex(LoginScreen);
        m_email->setFocus();
        break;
    case LoginTransaction::State::SignUp:
        m_screens->setCurrentIndex(SignUpScreen);
        m_signUpEmail->setFocus();
        break;
    case LoginTransaction::State::Enroll:
        m_screens->setCurrentIndex(EnrollScreen);
        m_phone->setFocus();
        break;
    case LoginTransaction::State::Challenge:
        m_masked->setText(m_transaction->maskedPhone());
        m_code->clear();
        m_screens->setCurrentIndex(ChallengeScreen);
        m_code->setFocus();
        break;
    case LoginTransaction::State::Done:
        m_profile->setPlainText(QString::fromUtf8(QJsonDocument(m_transaction->profile()).toJson()));
        m_screens->setCurrentIndex(DoneScreen);
        break;
    case LoginTransaction::State::Failed:
        m_profile->clear();
        m_screens->setCurrentIndex(FailedScreen);
        m_backToLogin->setFocus();
        break;
    }
    showError(m_transaction->error());
    updateResend();
    if (state == LoginTransaction::State::Failed) {
        QAccessibleEvent alert(m_errors.value(FailedScreen), QAccessible::Alert);
        QAccessible::updateAccessibility(&alert);
    }
}

void TryLoginWindow::showError(const QString &error)
{
    for (QLabel *label : std::as_const(m_errors))
        Form::setError(label, nullptr, {});
    if (QLabel *current = m_errors.value(m_screens->currentIndex()))
        Form::setError(current, nullptr, error);
}

void TryLoginWindow::updateResend()
{
    if (!m_transaction)
        return;
    const int wait = m_transaction->resendCooldownSecs();
    m_resend->setEnabled(wait <= 0 && !m_transaction->isBusy());
    m_resend->setText(wait > 0 ? tr("Resend in %1 s").arg(wait) : tr("Resend"));
    m_resend->setAccessibleDescription(wait > 0 ? tr("Available in %n second(s)", nullptr, wait) : QString());
}

void TryLoginWindow::addTimeline(const TimelineEntry &entry)
{
    const QString time = QLocale().toString(entry.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    // The display text is what a screen reader says; the delegate draws the columns.
    auto *item = new QListWidgetItem(
        tr("%1, %2: %3").arg(time, TimelineDelegate::stepLabel(entry.step), entry.text), m_timeline);
    item->setData(TimelineDelegate::TimeRole, time);
    item->setData(TimelineDelegate::StepRole, entry.step);
    item->setData(TimelineDelegate::TextRole, entry.text);
    item->setToolTip(entry.text);
    m_timeline->scrollToBottom();
}
