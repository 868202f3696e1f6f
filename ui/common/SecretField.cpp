#include "SecretField.h"

#include "ui/common/CopyButton.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

SecretField::SecretField(const QString &what, QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_reveal(new QToolButton(this))
    , m_copy(new CopyButton(
          what, [this] { return m_secret; }, this))
{
    m_edit->setReadOnly(true);
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setAccessibleName(what);
    m_reveal->setCheckable(true);
    m_reveal->setAccessibleName(tr("Reveal %1").arg(what));
    m_reveal->setToolTip(tr("Reveal"));
    m_reveal->setIconSize(QSize(16, 16));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_reveal);
    layout->addWidget(m_copy);

    connect(m_reveal, &QToolButton::toggled, this, &SecretField::setRevealed);
    connect(&Theme::instance(), &Theme::changed, this, &SecretField::updateIcons);
    setUnavailable(tr("Loading…"));
    updateIcons();
}

void SecretField::setSecret(const QString &secret)
{
    m_secret = secret;
    m_edit->setText(secret);
    m_reveal->setEnabled(true);
    m_copy->setEnabled(true);
    setRevealed(false);
}

void SecretField::setUnavailable(const QString &text)
{
    m_secret.clear();
    m_reveal->setChecked(false);
    m_edit->setEchoMode(QLineEdit::Normal);
    m_edit->setText(text);
    m_reveal->setEnabled(false);
    m_copy->setEnabled(false);
}

bool SecretField::isRevealed() const
{
    return m_reveal->isChecked();
}

void SecretField::setRevealed(bool revealed)
{
    if (m_secret.isEmpty())
        return;
    {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(revealed);
    }
    m_edit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    m_reveal->setToolTip(revealed ? tr("Hide") : tr("Reveal"));
    updateIcons();
}

void SecretField::updateIcons()
{
    m_reveal->setIcon(
        Theme::instance().icon(isRevealed() ? QStringLiteral("eye-off") : QStringLiteral("eye")));
}
