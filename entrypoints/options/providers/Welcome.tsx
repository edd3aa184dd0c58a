// First run: what Lifeline does, what the order of providers means, where keys live, and how to use it on a page.
import { GettingStarted } from '../GettingStarted';

interface WelcomeProps {
  onAddFirst(): void;
}

export function Welcome({ onAddFirst }: WelcomeProps) {
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Lifeline</h2>
      <p>
        Lifeline summarizes and rewrites on any web page and chats with the page you are on, using AI providers you
        choose: cloud services with your own keys, or models running on this computer.
      </p>
      <ul className="welcome-points">
        <li>
          <strong>Several providers, one order.</strong> The first provider answers. When it fails, the next one takes
          over within milliseconds, and every answer says who answered.
        </li>
        <li>
          <strong>Your keys stay in this browser.</strong> Only Lifeline&rsquo;s background and this settings page can
          read them; web pages never can.
        </li>
      </ul>
      <button type="button" className="ll-button primary" onClick={onAddFirst}>
        Add your first provider
      </button>
      <GettingStarted />
    </section>
  );
}
