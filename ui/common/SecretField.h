#pragma once

#include <QWidget>

class CopyButton;
class QLineEdit;
class QToolButton;

/**
 * @brief A read-only secret: hidden by default, with Reveal and Copy. The value is set by whoever
 *        read it from the secret store, and is cleared from the widget when hidden again.
 */
class SecretField : public QWidget
{
    Q_OBJECT

public:
    SecretField(const QString &what, QWidget *parent = nullptr);

    void setSecret(const QString &secret);
    /// Shows @p text (muted) in place of a secret that cannot be read.
    void setUnavailable(const QString &text);
    bool hasSecret() const { return !m_secret.isEmpty(); }
    bool isRevealed() const;
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *revealButton() const { return m_reveal; }
    CopyButton *copyButton() const { return m_copy; }

private:
    void setRevealed(bool revealed);
    void updateIcons();

    QString m_secret;
    QLineEdit *m_edit;
    QToolButton *m_reveal;
    CopyButton *m_copy;
};
