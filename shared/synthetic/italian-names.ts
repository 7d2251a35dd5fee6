/** Common Italian surnames and given names, for synthetic panels only. */
export const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore',
  'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori',
  'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico", 'Orlando', 'Damico', 'Negri',
  'Zanetti', 'Cocco', 'Puglisi', 'Pace', 'Bonetti', 'Tedesco', 'Ferro', 'Cirillo', 'Fumagalli', 'Guidi',
];

export const MALE_NAMES = [
  'Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Vincenzo', 'Pietro', 'Salvatore',
  'Carlo', 'Franco', 'Domenico', 'Bruno', 'Paolo', 'Michele', 'Giorgio', 'Aldo', 'Sergio', 'Luciano',
  'Stefano', 'Roberto', 'Andrea', 'Marco', 'Alessandro', 'Luca', 'Matteo', 'Lorenzo', 'Davide', 'Simone',
  'Federico', 'Riccardo', 'Tommaso', 'Leonardo', 'Gabriele', 'Edoardo', 'Niccolò', 'Diego', 'Emanuele', 'Filippo',
];

export const FEMALE_NAMES = [
  'Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Giovanna', 'Teresa', 'Lucia', 'Carmela', 'Caterina',
  'Francesca', 'Antonietta', 'Elena', 'Laura', 'Paola', 'Silvia', 'Chiara', 'Sara', 'Giulia', 'Martina',
  'Valentina', 'Federica', 'Alessia', 'Elisa', 'Sofia', 'Aurora', 'Ginevra', 'Alice', 'Beatrice', 'Emma',
  'Greta', 'Noemi', 'Rita', 'Patrizia', 'Daniela', 'Cristina', 'Roberta', 'Monica', 'Barbara', 'Simona',
];

/** Belfiore (codice catastale) codes of large Italian comuni. */
export const BIRTHPLACES: readonly { belfiore: string; name: string }[] = [
  { belfiore: 'H501', name: 'Roma' },
  { belfiore: 'F205', name: 'Milano' },
  { belfiore: 'F839', name: 'Napoli' },
  { belfiore: 'L219', name: 'Torino' },
  { belfiore: 'G273', name: 'Palermo' },
  { belfiore: 'D969', name: 'Genova' },
  { belfiore: 'A944', name: 'Bologna' },
  { belfiore: 'D612', name: 'Firenze' },
  { belfiore: 'A662', name: 'Bari' },
  { belfiore: 'C351', name: 'Catania' },
  { belfiore: 'L736', name: 'Venezia' },
  { belfiore: 'L781', name: 'Verona' },
];
