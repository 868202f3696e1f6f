#pragma once

#include <QMessageBox>

class QDialogButtonBox;

/**
 * @brief A question to the admin in Authdeck's flat look: the project's own icon for its tone instead of
 *        the platform's stock one, and buttons without stock icons (no red-X Cancel), like every other
 *        button of the console.
 *
 * It is a QMessageBox: add buttons, exec() and read clickedButton() as usual.
 */
class ConfirmationBox : public QMessageBox
{
    Q_OBJECT

public:
    enum class Tone
    {
        Question, ///< keep, drop or stay
        Warning, ///< a change with consequences the admin should weigh
        Danger ///< a change that cannot be undone
    };
    Q_ENUM(Tone)

    ConfirmationBox(Tone tone, const QString &title, const QString &text, QWidget *parent = nullptr);

    Tone tone() const { return m_tone; }

    /// Takes the platform's stock icons off the standard buttons of @p buttons (Cancel, Save, Discard...).
    static void useFlatButtons(QDialogButtonBox *buttons);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    Tone m_tone;
};
